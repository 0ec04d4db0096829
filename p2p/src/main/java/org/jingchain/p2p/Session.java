package org.jingchain.p2p;

import org.jingchain.types.PublicKey;

/**
 * What a finished handshake yields: the authenticated peer and the two direction ciphers, whose
 * counters continue after the confirmation frames.
 */
record Session(
    PublicKey peer, FrameCipher sendCipher, FrameCipher receiveCipher, boolean initiatedLocally) {}
