package org.jingchain.p2p;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.Set;

/** What every connection of one node shares: settings, admission, delivery, bookkeeping. */
record NodeContext(
    P2pConfig config,
    PeerAuthorizer authorizer,
    MessageHandler handler,
    PeerRegistry registry,
    StatsCounters stats,
    SecureRandom random,
    SourceLimits sources,
    Set<InetAddress> knownHosts,
    CertificateFreshness certificates,
    org.jingchain.types.SecurityLog security,
    org.jingchain.types.SecurityLog connections) {}
