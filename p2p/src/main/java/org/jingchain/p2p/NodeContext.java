package org.jingchain.p2p;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** What every connection of one node shares: settings, admission, delivery, bookkeeping. */
record NodeContext(
    P2pConfig config,
    PeerAuthorizer authorizer,
    MessageHandler handler,
    PeerRegistry registry,
    StatsCounters stats,
    SecureRandom random,
    AtomicInteger pendingInbound,
    CertificateFreshness certificates) {}
