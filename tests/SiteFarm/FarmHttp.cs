using System.Net;
using System.Net.Sockets;

namespace PlanNacc.SiteFarm;

/// <summary>HTTP access to a running farm for tests that fetch pages directly (no redirects followed, no decompression, no
/// draining).</summary>
public static class FarmHttp
{
    /// <summary>An HttpClient that resolves farm hosts through the HostMap, the way a crawler's --resolve map does.</summary>
    public static HttpClient CreateClient(IRunningFarm farm) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        // A disposed response closes its connection instead of draining the rest (a 1 GiB body must stay unread).
        MaxResponseDrainSize = 0,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectCallback = async (context, ct) =>
        {
            var address = farm.HostMap.TryGetValue(context.DnsEndPoint.Host, out var a) ? a : IPAddress.Loopback;
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { Timeout = TimeSpan.FromSeconds(30) };
}
