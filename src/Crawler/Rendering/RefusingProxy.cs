using System.Net;
using System.Net.Sockets;

namespace PlanNacc.Crawler.Rendering;

/// <summary>
/// The proxy Chromium is told to use for every connection the crawler did not answer itself: a loopback port this process holds
/// bound but never listens on, so each connection attempt is refused at once and no other program can take the port meanwhile.
/// </summary>
internal sealed class RefusingProxy : IDisposable
{
    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public RefusingProxy() => socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    public string Address => $"http://127.0.0.1:{((IPEndPoint)socket.LocalEndPoint!).Port}";

    public void Dispose() => socket.Dispose();
}
