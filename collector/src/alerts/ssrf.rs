//! Webhook targets may not reach the collector's own network (SSRF). An
//! IPv4 address is refused when it falls in a special-purpose block (RFC
//! 6890 and successors); an IPv6 address must be global unicast
//! (`2000::/3`) outside the special blocks, and an address that embeds an
//! IPv4 one (IPv4-mapped `::ffff:0:0/96`, NAT64 `64:ff9b::/96`, 6to4
//! `2002::/16`) is judged by that IPv4 address, since that is where the
//! packets end up. The check runs when the endpoint is created and again
//! on every delivery (`client`). `--webhook-allow-private` lifts it for
//! self-hosted receivers on the same network (and the tests).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// IPv4 blocks never sent to: (network, prefix length, what it is).
const V4_REFUSED: [(Ipv4Addr, u8, &str); 15] = [
    (Ipv4Addr::new(0, 0, 0, 0), 8, "this network"),
    (Ipv4Addr::new(10, 0, 0, 0), 8, "private"),
    (Ipv4Addr::new(100, 64, 0, 0), 10, "shared (CGNAT)"),
    (Ipv4Addr::new(127, 0, 0, 0), 8, "loopback"),
    (
        Ipv4Addr::new(169, 254, 0, 0),
        16,
        "link-local (cloud metadata)",
    ),
    (Ipv4Addr::new(172, 16, 0, 0), 12, "private"),
    (Ipv4Addr::new(192, 0, 0, 0), 24, "IETF protocol assignments"),
    (Ipv4Addr::new(192, 0, 2, 0), 24, "documentation"),
    (Ipv4Addr::new(192, 88, 99, 0), 24, "6to4 relay anycast"),
    (Ipv4Addr::new(192, 168, 0, 0), 16, "private"),
    (Ipv4Addr::new(198, 18, 0, 0), 15, "benchmarking"),
    (Ipv4Addr::new(198, 51, 100, 0), 24, "documentation"),
    (Ipv4Addr::new(203, 0, 113, 0), 24, "documentation"),
    (Ipv4Addr::new(224, 0, 0, 0), 4, "multicast"),
    (Ipv4Addr::new(240, 0, 0, 0), 4, "reserved and broadcast"),
];

/// Special blocks inside `2000::/3` (everything outside it is refused:
/// loopback, unspecified, IPv4-compatible `::/96`, ULA, link-local,
/// site-local `fec0::/10`, multicast…).
const V6_REFUSED: [(Ipv6Addr, u8, &str); 3] = [
    // Teredo, ORCHID, benchmarking and other protocol assignments.
    (
        Ipv6Addr::new(0x2001, 0, 0, 0, 0, 0, 0, 0),
        23,
        "IETF protocol assignments",
    ),
    (
        Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0),
        32,
        "documentation",
    ),
    (
        Ipv6Addr::new(0x3fff, 0, 0, 0, 0, 0, 0, 0),
        20,
        "documentation",
    ),
];

/// Whether a webhook may be sent to `ip`.
pub fn is_public(ip: IpAddr) -> bool {
    refusal(ip).is_none()
}

/// Why a webhook may not be sent to `ip` (the kind of block it is in).
pub fn refusal(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => refusal_v4(v4),
        IpAddr::V6(v6) => refusal_v6(v6),
    }
}

fn refusal_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let bits = u32::from(ip);
    V4_REFUSED.iter().find_map(|(net, len, why)| {
        let mask = u32::MAX << (32 - u32::from(*len));
        (bits & mask == u32::from(*net)).then_some(*why)
    })
}

fn refusal_v6(ip: Ipv6Addr) -> Option<&'static str> {
    if let Some(v4) = embedded_v4(ip) {
        return refusal_v4(v4);
    }
    let bits = u128::from(ip);
    let within = |net: Ipv6Addr, len: u8| {
        let mask = u128::MAX << (128 - u32::from(len));
        bits & mask == u128::from(net)
    };
    if !within(Ipv6Addr::new(0x2000, 0, 0, 0, 0, 0, 0, 0), 3) {
        return Some("not global unicast");
    }
    V6_REFUSED
        .iter()
        .find_map(|(net, len, why)| within(*net, *len).then_some(*why))
}

/// The IPv4 address an IPv6 one stands for, when it is a translation of
/// one: IPv4-mapped, NAT64 (well-known prefix) or 6to4.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let low = Ipv4Addr::from((u32::from(s[6]) << 16) | u32::from(s[7]));
    match s {
        [0, 0, 0, 0, 0, 0xffff, _, _] => Some(low),
        [0x64, 0xff9b, 0, 0, 0, 0, _, _] => Some(low),
        [0x2002, high, low16, ..] => {
            Some(Ipv4Addr::from((u32::from(high) << 16) | u32::from(low16)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_and_special_addresses_are_refused() {
        for (ip, why) in [
            ("127.0.0.1", "loopback"),
            ("10.1.2.3", "private"),
            ("172.16.0.1", "private"),
            ("172.31.255.255", "private, top of the block"),
            ("192.168.1.1", "private"),
            ("169.254.169.254", "cloud metadata"),
            ("100.64.0.1", "CGNAT"),
            ("100.127.255.254", "CGNAT, top of the block"),
            ("0.0.0.0", "unspecified"),
            ("0.1.2.3", "this network"),
            ("192.0.0.8", "IETF protocol assignments"),
            ("192.0.2.1", "TEST-NET-1"),
            ("198.51.100.1", "TEST-NET-2"),
            ("203.0.113.1", "TEST-NET-3"),
            ("192.88.99.1", "6to4 relay anycast"),
            ("198.19.0.1", "benchmarking"),
            ("224.0.0.1", "multicast"),
            ("239.255.255.250", "multicast (SSDP)"),
            ("240.0.0.1", "reserved"),
            ("255.255.255.255", "broadcast"),
            ("::", "IPv6 unspecified"),
            ("::1", "IPv6 loopback"),
            ("::127.0.0.1", "IPv4-compatible loopback"),
            ("::8.8.8.8", "IPv4-compatible, deprecated"),
            ("::ffff:127.0.0.1", "IPv4-mapped loopback"),
            ("::ffff:169.254.169.254", "IPv4-mapped metadata"),
            ("64:ff9b::7f00:1", "NAT64 of 127.0.0.1"),
            ("64:ff9b::a9fe:a9fe", "NAT64 of 169.254.169.254"),
            ("64:ff9b:1::1", "local-use NAT64"),
            ("2002:7f00:1::1", "6to4 of 127.0.0.1"),
            ("2002:c0a8:101::1", "6to4 of 192.168.1.1"),
            ("fec0::1", "site-local"),
            ("fd00::1", "unique local"),
            ("fc00::1", "unique local"),
            ("fe80::1", "link-local"),
            ("ff02::1", "multicast"),
            ("100::1", "discard-only"),
            ("2001::1", "Teredo"),
            ("2001:10::1", "ORCHID"),
            ("2001:db8::1", "documentation"),
            ("3fff::1", "documentation"),
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip} ({why})");
        }
    }

    #[test]
    fn public_addresses_pass() {
        for ip in [
            "93.184.216.34",
            "1.1.1.1",
            "100.128.0.1",
            "172.32.0.1",
            "192.0.3.1",
            "2606:4700::1111",
            "2a00:1450:4007:80e::200e",
            "::ffff:93.184.216.34",
            "64:ff9b::5db8:d822",
            "2002:5db8:d822::1",
        ] {
            assert!(is_public(ip.parse().unwrap()), "{ip}");
        }
    }
}
