using System.Net;
using System.Net.Sockets;
using System.Text;
using PlanNacc.Crawler.Tests.Support;

namespace PlanNacc.Crawler.Tests.Rendering;

/// <summary>
/// The canary: a crawled page's script tries every way a browser connects by itself (speculation-rules prefetch and prerender,
/// WebRTC, WebSockets and fetch to 127.0.0.1 and ::1). Listeners on loopback must see none of it: Chromium reaches the network
/// only through the crawler, whose address guard refuses loopback here (the site itself is a host the operator mapped).
/// </summary>
public sealed class ChromiumLockdownFacts
{
    [ChromiumFact]
    public async Task CrawlAsync_BrowserConnectsNowhereByItself_WhenPageScriptTriesEveryWay()
    {
        using var tcp4 = new Canary(IPAddress.Loopback);
        using var tcp6 = Socket.OSSupportsIPv6 ? Canary.TryStart(IPAddress.IPv6Loopback) : null;
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var udpPort = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
        var v4 = $"127.0.0.1:{tcp4.Port}";
        var v6 = tcp6 is null ? v4 : $"[::1]:{tcp6.Port}";
        await using var site = TestServer.Start(r => r.Path switch
        {
            "/robots.txt" => TestResponse.WithStatus(404),
            "/" => TestResponse.Html(AttackPage(v4, v6, udpPort)),
            "/done.html" => TestResponse.Html("<html><head><title>เสร็จ</title></head><body><p>ครบ</p></body></html>"),
            _ => TestResponse.WithStatus(404),
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o =>
        {
            // Only the mapped site host may be crawled; every loopback literal the page names must be refused by the crawler.
            o.AllowLoopback = false;
            o.TrustResolveMap = true;
            o.AddResolve("lao.canary.test:127.0.0.1");
            o.EnableRendering = true;
            o.ChromiumPath = TestEnvironment.ChromiumPath;
        }));

        var snapshot = await crawler.CrawlAsync(site.Url("/", "lao.canary.test"));

        // The script ran (it builds the only link to /done.html right after starting its attempts).
        var home = snapshot.Pages.Single(p => p.Url.AbsolutePath == "/");
        Assert.True(home.Rendered, string.Join("; ", snapshot.Errors.Select(e => e.Error).Concat(snapshot.Findings)));
        Assert.Contains(site.Requests, r => r.Path == "/done.html");
        var seen = tcp4.DrainOthers().Select(e => "tcp to 127.0.0.1 from " + e)
            .Concat((tcp6?.DrainOthers() ?? []).Select(e => "tcp to ::1 from " + e))
            .Concat(DrainUdp(udp, udpPort).Select(e => "udp to 127.0.0.1 from " + e));
        Assert.Empty(seen);
    }

    private static string AttackPage(string v4, string v6, int udpPort) => $$"""
        <html><head><title>หน้าแรก</title>
        <script type="speculationrules">
        {"prefetch": [{"source": "list", "urls": ["http://{{v4}}/prefetch", "http://{{v6}}/prefetch6"]}],
         "prerender": [{"source": "list", "urls": ["http://{{v4}}/prerender", "/prerender-same-site"]}]}
        </script>
        <link rel="prefetch" href="http://{{v4}}/link-prefetch"><link rel="preconnect" href="http://{{v6}}">
        </head><body><div id="menu"></div>
        <script>
        // Fired, not awaited: each attempt starts at once, long before the render ends (load, then network idle).
        function tryAll() {
          try { new WebSocket('ws://{{v4}}/ws'); } catch (e) {}
          try { new WebSocket('ws://{{v6}}/ws'); } catch (e) {}
          fetch('http://{{v4}}/fetch', { mode: 'no-cors' }).catch(() => {});
          fetch('http://{{v6}}/fetch', { mode: 'no-cors' }).catch(() => {});
          try {
            const pc = new RTCPeerConnection({ iceServers: [{ urls: 'stun:127.0.0.1:{{udpPort}}' }] });
            pc.createDataChannel('canary');
            pc.createOffer().then(o => pc.setLocalDescription(o)).catch(() => {});
            window.keep = pc;
          } catch (e) {}
        }
        tryAll();
        document.getElementById('menu').innerHTML = '<ul><li><a href="/done.html">เสร็จ</a></li></ul>';
        </script></body></html>
        """;

    /// <summary>Datagrams that reached the canary port, read up to a marker the test sends itself (so no fixed wait is needed).</summary>
    private static List<IPEndPoint> DrainUdp(UdpClient udp, int port)
    {
        var marker = Encoding.ASCII.GetBytes("canary-marker-" + Guid.NewGuid());
        using (var sender = new UdpClient(AddressFamily.InterNetwork))
        {
            sender.Send(marker, marker.Length, new IPEndPoint(IPAddress.Loopback, port));
        }
        var seen = new List<IPEndPoint>();
        while (true)
        {
            var from = new IPEndPoint(IPAddress.Any, 0);
            var bytes = udp.Receive(ref from);
            if (bytes.AsSpan().SequenceEqual(marker))
            {
                return seen;
            }
            seen.Add(from);
        }
    }

    /// <summary>A loopback TCP listener that never answers; connections queue in the kernel until the test drains them.</summary>
    private sealed class Canary : IDisposable
    {
        private readonly TcpListener listener;

        public Canary(IPAddress address)
        {
            listener = new TcpListener(address, 0);
            listener.Start(64);
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public static Canary? TryStart(IPAddress address)
        {
            try
            {
                return new Canary(address);
            }
            catch (SocketException)
            {
                return null;
            }
        }

        /// <summary>Every connection queued before a marker connection the test makes itself, in arrival order.</summary>
        public List<EndPoint> DrainOthers()
        {
            using var marker = new TcpClient(listener.LocalEndpoint.AddressFamily);
            marker.Connect((IPEndPoint)listener.LocalEndpoint);
            var markerEnd = marker.Client.LocalEndPoint!;
            var seen = new List<EndPoint>();
            while (true)
            {
                using var accepted = listener.AcceptSocket();
                if (accepted.RemoteEndPoint!.Equals(markerEnd))
                {
                    return seen;
                }
                seen.Add(accepted.RemoteEndPoint!);
            }
        }

        public void Dispose() => listener.Stop();
    }
}
