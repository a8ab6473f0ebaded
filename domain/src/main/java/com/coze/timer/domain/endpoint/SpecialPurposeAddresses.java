package com.coze.timer.domain.endpoint;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The IANA special-purpose address registries (IPv4 and IPv6) as one rule: an address in a block
 * that is not globally reachable is refused, and an IPv6 address that embeds an IPv4 address
 * (IPv4-mapped, IPv4-compatible, IPv4-translated, NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16}) is judged by the IPv4 address it embeds, since that is where a translator or
 * relay delivers it. Multicast and the reserved class E are refused too.
 */
final class SpecialPurposeAddresses {

    /** IPv4 blocks not globally reachable (RFC 6890 and the registry as of 2024), plus multicast. */
    private static final List<Block> IPV4 = List.of(
            Block.of("0.0.0.0", 8), Block.of("10.0.0.0", 8), Block.of("100.64.0.0", 10), Block.of("127.0.0.0", 8),
            Block.of("169.254.0.0", 16), Block.of("172.16.0.0", 12), Block.of("192.0.0.0", 24),
            Block.of("192.0.2.0", 24), Block.of("192.88.99.0", 24), Block.of("192.168.0.0", 16),
            Block.of("198.18.0.0", 15), Block.of("198.51.100.0", 24), Block.of("203.0.113.0", 24),
            Block.of("224.0.0.0", 4), Block.of("240.0.0.0", 4));

    /** IPv6 blocks not globally reachable, plus multicast; the IPv4-embedding ones are {@link #embeddedIpv4}'s. */
    private static final List<Block> IPV6 = List.of(
            Block.of("::", 128), Block.of("::1", 128), Block.of("64:ff9b:1::", 48), Block.of("100::", 64),
            Block.of("2001::", 23), Block.of("2001:db8::", 32), Block.of("3fff::", 20), Block.of("5f00::", 16),
            Block.of("fc00::", 7), Block.of("fe80::", 10), Block.of("fec0::", 10), Block.of("ff00::", 8));

    /** Where an IPv4 address sits inside an IPv6 one: the prefix that says so and the byte offset. */
    private static final List<Embedding> EMBEDDINGS = List.of(
            new Embedding(Block.ipv4Mapped(), 12),           // IPv4-mapped, ::ffff:0:0/96
            new Embedding(Block.of("::", 96), 12),           // IPv4-compatible (deprecated)
            new Embedding(Block.of("::ffff:0:0:0", 96), 12), // IPv4-translated (SIIT)
            new Embedding(Block.of("64:ff9b::", 96), 12),    // NAT64 well-known prefix
            new Embedding(Block.of("2002::", 16), 2));       // 6to4

    private SpecialPurposeAddresses() {
    }

    /** True when {@code address} is not globally reachable, itself or through the IPv4 address it embeds. */
    static boolean isForbidden(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return IPV4.stream().anyMatch(block -> block.contains(bytes));
        }
        Optional<InetAddress> inner = embeddedIpv4(bytes);
        if (inner.isPresent()) {
            return isForbidden(inner.get()); // :: and ::1 embed 0.0.0.0 and 0.0.0.1, refused as 0.0.0.0/8
        }
        return IPV6.stream().anyMatch(block -> block.contains(bytes));
    }

    /** The IPv4 address an IPv6 address embeds, if it is of a form that embeds one. */
    static Optional<InetAddress> embeddedIpv4(byte[] ipv6) {
        if (ipv6.length != 16) {
            return Optional.empty();
        }
        return EMBEDDINGS.stream().filter(e -> e.prefix().contains(ipv6)).findFirst().map(e -> {
            try {
                return InetAddress.getByAddress(java.util.Arrays.copyOfRange(ipv6, e.offset(), e.offset() + 4));
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        });
    }

    private record Embedding(Block prefix, int offset) {
    }

    /** An address block: a network address and its prefix length. */
    private record Block(byte[] network, int bits) {

        static Block of(String literal, int bits) {
            try {
                return new Block(InetAddress.getByName(literal).getAddress(), bits); // a literal: parsed, not resolved
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(literal, e);
            }
        }

        /** {@code ::ffff:0:0/96}, built by hand: Java parses an IPv4-mapped literal to a 4-byte address. */
        static Block ipv4Mapped() {
            byte[] network = new byte[16];
            network[10] = (byte) 0xff;
            network[11] = (byte) 0xff;
            return new Block(network, 96);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
