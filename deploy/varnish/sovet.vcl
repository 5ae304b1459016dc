# Varnish in front of Sovet's app servers (Varnish 7, VCL 4.1). deploy/stack runs it on one
# machine; README.md ("Production") says how it fits with TLS and two machines.
#
# - Anonymous GET/HEAD requests are cached; a request with a session (sessionid), a flash
#   message (messages) or a recent write of its own (sovet_primary) passes, and so do /admin/,
#   accounts, /healthz and anything but GET/HEAD.
# - The site's Cache-Control decides what may be kept (public, s-maxage / private, no-store).
#   Pages with s-maxage are kept an hour here, since the site tells Varnish of every change
#   (sovet.core.page_cache.VarnishBackend): "BAN /" forgets everything on the Host of the
#   request, "PURGE <path>" forgets that path with any query string.
# - X-Forwarded-Proto is "https" for requests that reached the listener named "https" (only
#   the TLS terminator in front may reach it; see vcl_recv); X-Forwarded-For gets the client's
#   address appended by Varnish itself (the site counts TRUSTED_PROXY_COUNT proxies).
vcl 4.1;

import directors;
import std;

# /healthz answers 200 when the app server reaches its database and cache, 503 if not. The Host
# must be one of ALLOWED_HOSTS; X-Forwarded-Proto spares the probe the redirect to HTTPS.
probe healthz {
    .request =
        "GET /healthz HTTP/1.1"
        "Host: localhost"
        "X-Forwarded-Proto: https"
        "User-Agent: varnish-probe"
        "Connection: close";
    # Lenient: a busy server answers late, and taking it out would only load the other one more.
    # A server that is down refuses connections, and the request is retried on the other one
    # at once (vcl_backend_error), whatever the probe says.
    .interval = 2s;
    .timeout = 5s;
    .window = 5;
    .threshold = 2;
    .initial = 2;
}

backend app1 {
    .host = "127.0.0.1";
    .port = "8101";
    .probe = healthz;
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
}

backend app2 {
    .host = "127.0.0.1";
    .port = "8102";
    .probe = healthz;
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
}

# Who may send PURGE and BAN: the app servers and workers (on this machine here).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    # Requests go to each healthy app server in turn; a sick one is skipped.
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}

sub vcl_recv {
    set req.backend_hint = app.backend();

    # One spelling of each host, so that a ban on the site's host reaches every copy.
    set req.http.Host = std.tolower(regsub(req.http.Host, ":(80|443)$", ""));

    # Whatever the client says, the scheme is the listener's: in production the TLS terminator
    # (hitch, nginx, haproxy) alone reaches the listener named "https". deploy/stack has no TLS
    # and names its only listener "https", so that the production settings serve it.
    if (local.socket == "https") {
        set req.http.X-Forwarded-Proto = "https";
    } else {
        set req.http.X-Forwarded-Proto = "http";
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # This path with any query string (/ru/events/ and /ru/events/?page=2), on this host.
        if (!std.ban("obj.http.x-host == " + req.http.Host
                     + " && obj.http.x-path == " + regsub(req.url, "\?.*$", ""))) {
            return (synth(400, std.ban_error()));
        }
        return (synth(200, "Purged"));
    }

    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Everything on this host but the static files (their names change with their content).
        if (!std.ban("obj.http.x-host == " + req.http.Host + " && obj.http.x-path !~ ^/static/")) {
            return (synth(400, std.ban_error()));
        }
        return (synth(200, "Banned"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/admin/" || req.url ~ "^/([a-z]{2}/)?accounts/" || req.url ~ "^/healthz"
        || req.http.Authorization) {
        return (pass);
    }
    # A session, a flash message, or a visitor who just wrote (sovet.core.db_router: read from
    # the primary database for a few seconds).
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages|sovet_primary)=") {
        return (pass);
    }
    # An anonymous visitor: no cookie can change the page (a form gets a new CSRF cookie, and
    # a response that sets a cookie is not kept).
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.Host);
    # A page asked over plain HTTP is a redirect to HTTPS: never served to an HTTPS request.
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_response {
    # For bans (kept on the object, so the ban lurker can test them; removed in vcl_deliver).
    set beresp.http.x-host = bereq.http.Host;
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");

    # Text compressed here when the app server did not (it compresses pages and static files).
    if (!beresp.http.Content-Encoding
        && beresp.http.Content-Type ~ "^(text/|application/(javascript|json|xml|rss\+xml|atom\+xml|geo\+json|manifest\+json)|image/svg\+xml)") {
        set beresp.do_gzip = true;
    }

    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Vary == "*"
        || beresp.ttl <= 0s) {
        # Not kept; the next requests for it go straight to the app server for two minutes.
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }

    if (bereq.url ~ "^/static/.+\.[0-9a-f]{12}\.[A-Za-z0-9]+$") {
        # WhiteNoise's hashed names never change: kept a week here, a year by browsers.
        set beresp.ttl = 7d;
        set beresp.http.Cache-Control = "public, max-age=31536000, immutable";
    } elsif (beresp.http.Cache-Control ~ "s-maxage") {
        # A public page (public, max-age=0, s-maxage=60): told of every change, Varnish keeps it
        # an hour, and up to a day more while the app servers are down (grace).
        set beresp.ttl = 1h;
        set beresp.grace = 24h;
    } else {
        set beresp.grace = 1h;
    }
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.x-host;
    unset resp.http.x-path;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

sub vcl_backend_error {
    # An app server killed or restarting: a page or a search is asked again from the other one
    # (the director's next). A POST is never sent twice: it may have been done already.
    if ((bereq.method == "GET" || bereq.method == "HEAD") && bereq.retries < 2) {
        return (retry);
    }
}

sub vcl_synth {
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    set resp.body = resp.reason + {"
"};
    return (deliver);
}
