package com.coze.timer.coordination;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Collection;

/**
 * Rendezvous (highest-random-weight) hashing of slots over members: slot {@code s} belongs to the
 * member {@code m} with the highest {@code score(m, s)}, ties broken by the member id. Every
 * instance that sees the same member list computes the same owners, so no leader is needed; when a
 * member joins it takes only the slots it now wins (about {@code 1/n} of them) and when one leaves
 * only its slots move.
 *
 * <p>The score mixes a 64-bit FNV-1a hash of the member id with the slot number through MurmurHash3's
 * 64-bit finaliser, so that the winner of each slot is close to uniformly random and ids that differ
 * in one character still spread evenly. The function is part of the cluster protocol: every
 * instance must run the same one.
 */
final class Rendezvous {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    private Rendezvous() {
    }

    /** The slots in {@code [0, slotCount)} that {@code self} wins among {@code members}; empty if it is not one. */
    static BitSet slotsOf(String self, Collection<String> members, int slotCount) {
        BitSet owned = new BitSet(slotCount);
        if (!members.contains(self)) {
            return owned;
        }
        String[] ids = members.stream().distinct().toArray(String[]::new);
        long[] hashes = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            hashes[i] = memberHash(ids[i]);
        }
        for (int slot = 0; slot < slotCount; slot++) {
            if (ids[winner(ids, hashes, slot)].equals(self)) {
                owned.set(slot);
            }
        }
        return owned;
    }

    private static int winner(String[] ids, long[] hashes, int slot) {
        int best = 0;
        long bestScore = score(hashes[0], slot);
        for (int i = 1; i < ids.length; i++) {
            long score = score(hashes[i], slot);
            if (score > bestScore || (score == bestScore && ids[i].compareTo(ids[best]) < 0)) {
                best = i;
                bestScore = score;
            }
        }
        return best;
    }

    static long score(long memberHash, int slot) {
        return fmix64(memberHash ^ fmix64((slot + 1) * GOLDEN));
    }

    static long memberHash(String memberId) {
        long hash = FNV_OFFSET;
        for (byte b : memberId.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * FNV_PRIME;
        }
        return fmix64(hash);
    }

    /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
