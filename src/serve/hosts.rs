//! Which `Host` the dev server answers to: a guard against DNS rebinding, where a web page's
//! own name is made to resolve to 127.0.0.1 so that its scripts can read the preview (drafts
//! and errors included). A request is answered only when it names the server by its loopback
//! address, `localhost`, the address it is bound to, or a name given with `--allow-host`; any
//! other name gets 403. An address written as an IP cannot be a rebound name, so when the server
//! listens on every interface (`0.0.0.0`, `::`), any IP address is accepted.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The names and addresses a server bound to one interface answers to.
#[derive(Debug, Clone)]
pub struct AllowedHosts {
    bound: IpAddr,
    /// Lowercase names from `--allow-host`; a leading `.` allows the name and its subdomains.
    names: Vec<String>,
}

impl AllowedHosts {
    pub fn new(bound: IpAddr, names: &[String]) -> AllowedHosts {
        AllowedHosts {
            bound,
            names: names.iter().map(|n| n.to_ascii_lowercase()).collect(),
        }
    }

    /// Whether a `Host` header (or a request URI's authority), port included or not, names this
    /// server.
    pub fn allows(&self, authority: &str) -> bool {
        let Some(host) = host_of(authority) else {
            return false;
        };
        if let Some(ip) = ip_of(&host) {
            return ip == IpAddr::V4(Ipv4Addr::LOCALHOST)
                || ip == IpAddr::V6(Ipv6Addr::LOCALHOST)
                || ip == self.bound
                || self.bound.is_unspecified();
        }
        host == "localhost"
            || self
                .names
                .iter()
                .any(|allowed| match allowed.strip_prefix('.') {
                    Some(domain) => {
                        host == domain
                            || host
                                .strip_suffix(domain)
                                .is_some_and(|sub| sub.ends_with('.'))
                    }
                    None => host == *allowed,
                })
    }
}

/// The host of `name`, `name:port`, `[v6]` or `[v6]:port`, lowercase and without a trailing
/// dot; `None` when it is not of that shape.
fn host_of(authority: &str) -> Option<String> {
    let (host, port) = if authority.starts_with('[') {
        let end = authority.find(']')?;
        (&authority[..=end], &authority[end + 1..])
    } else {
        match authority.split_once(':') {
            Some((host, _)) => (host, &authority[host.len()..]),
            None => (authority, ""),
        }
    };
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|digits| digits.bytes().all(|b| b.is_ascii_digit()));
    let host = host.strip_suffix('.').unwrap_or(host);
    (port_ok && !host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// The address a host names, when it is written as one (`127.0.0.1`, `[::1]`).
fn ip_of(host: &str) -> Option<IpAddr> {
    match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(v6) => v6.parse::<Ipv6Addr>().ok().map(IpAddr::V6),
        None => host.parse::<Ipv4Addr>().ok().map(IpAddr::V4),
    }
}

/// Checks a `--allow-host` value: a host name without port, scheme or path.
pub fn parse_allowed_host(value: &str) -> Result<String, String> {
    let name = value.trim();
    let well_formed = !name.is_empty()
        && name != "."
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    if well_formed {
        Ok(name.to_ascii_lowercase())
    } else {
        Err(format!(
            "`{value}` is not a host name; give the name alone, without scheme, port or path (preview.example.com, or .example.com for it and its subdomains)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback() -> AllowedHosts {
        AllowedHosts::new(IpAddr::V4(Ipv4Addr::LOCALHOST), &[])
    }

    #[test]
    fn loopback_names_are_allowed_with_and_without_port() {
        let hosts = loopback();
        for good in [
            "127.0.0.1",
            "127.0.0.1:1111",
            "localhost",
            "LOCALHOST:80",
            "localhost.",
            "[::1]",
            "[::1]:1111",
            "[0:0:0:0:0:0:0:1]:1",
        ] {
            assert!(hosts.allows(good), "{good}");
        }
    }

    #[test]
    fn other_names_are_refused() {
        let hosts = loopback();
        for bad in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "192.168.1.5",
            "[::2]",
            "",
            ":1111",
            "localhost:12ab",
            "[::1",
            "127.0.0.1:80:80",
        ] {
            assert!(!hosts.allows(bad), "{bad}");
        }
    }

    #[test]
    fn the_bound_address_and_given_names_are_allowed() {
        let lan: IpAddr = "192.168.1.5".parse().expect("an address");
        let hosts = AllowedHosts::new(lan, &["Preview.Example".into(), ".team.test".into()]);
        for good in [
            "192.168.1.5:1111",
            "preview.example",
            "preview.example:8080",
            "team.test",
            "a.team.test:1",
        ] {
            assert!(hosts.allows(good), "{good}");
        }
        for bad in ["192.168.1.6", "other.example", "evilteam.test"] {
            assert!(!hosts.allows(bad), "{bad}");
        }
        let everywhere = AllowedHosts::new("0.0.0.0".parse().expect("an address"), &[]);
        assert!(everywhere.allows("10.0.0.7:1111"));
        assert!(!everywhere.allows("evil.example"));
    }

    #[test]
    fn allow_host_values_are_bare_names() {
        assert_eq!(
            parse_allowed_host("Preview.Example").as_deref(),
            Ok("preview.example")
        );
        assert_eq!(
            parse_allowed_host(".team.test").as_deref(),
            Ok(".team.test")
        );
        for bad in ["", "http://x.example", "x.example:80", "x/y", "a b", "."] {
            assert!(parse_allowed_host(bad).is_err(), "{bad}");
        }
    }
}
