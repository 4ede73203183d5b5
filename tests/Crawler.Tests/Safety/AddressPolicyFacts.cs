using System.Net;
using PlanNacc.Crawler.Safety;

namespace PlanNacc.Crawler.Tests.Safety;

public sealed class AddressPolicyFacts
{
    // Each line: a host as a URL may spell it, and the category it really is (inet_aton / WHATWG host parsing rules).
    [Theory]
    [InlineData("127.0.0.1", AddressCategory.Loopback)]
    [InlineData("127.1", AddressCategory.Loopback)]
    [InlineData("127.0.1", AddressCategory.Loopback)]
    [InlineData("2130706433", AddressCategory.Loopback)]
    [InlineData("0x7f.1", AddressCategory.Loopback)]
    [InlineData("0x7f000001", AddressCategory.Loopback)]
    [InlineData("0177.0.0.1", AddressCategory.Loopback)]
    [InlineData("127.0.0.1.", AddressCategory.Loopback)]
    [InlineData("[::1]", AddressCategory.Loopback)]
    [InlineData("[::ffff:127.0.0.1]", AddressCategory.Loopback)]
    [InlineData("[::ffff:7f00:1]", AddressCategory.Loopback)]
    [InlineData("[::127.0.0.1]", AddressCategory.Loopback)]
    [InlineData("0.0.0.0", AddressCategory.Unspecified)]
    [InlineData("0", AddressCategory.Unspecified)]
    [InlineData("[::]", AddressCategory.Unspecified)]
    [InlineData("10.1.2.3", AddressCategory.Private)]
    [InlineData("167772161", AddressCategory.Private)]
    [InlineData("172.16.0.1", AddressCategory.Private)]
    [InlineData("172.31.255.255", AddressCategory.Private)]
    [InlineData("192.168.1.1", AddressCategory.Private)]
    [InlineData("0xc0.0xa8.1.1", AddressCategory.Private)]
    [InlineData("[::ffff:192.168.1.1]", AddressCategory.Private)]
    [InlineData("[fd00::1]", AddressCategory.Private)]
    [InlineData("[fc00::1]", AddressCategory.Private)]
    [InlineData("169.254.169.254", AddressCategory.LinkLocal)]
    [InlineData("[fe80::1%25eth0]", AddressCategory.LinkLocal)]
    [InlineData("[fe80::1]", AddressCategory.LinkLocal)]
    [InlineData("100.64.0.1", AddressCategory.Cgnat)]
    [InlineData("100.127.255.254", AddressCategory.Cgnat)]
    [InlineData("224.0.0.1", AddressCategory.Multicast)]
    [InlineData("[ff02::1]", AddressCategory.Multicast)]
    [InlineData("255.255.255.255", AddressCategory.Reserved)]
    [InlineData("[2002:7f00:1::]", AddressCategory.Loopback)]
    [InlineData("[64:ff9b::a00:1]", AddressCategory.Private)]
    [InlineData("172.32.0.1", AddressCategory.Public)]
    [InlineData("100.128.0.1", AddressCategory.Public)]
    [InlineData("164.115.28.1", AddressCategory.Public)]
    [InlineData("[2001:4860:4860::8888]", AddressCategory.Public)]
    public void Classify_ReturnsCategory_ForEverySpelling(string host, AddressCategory expected)
    {
        Assert.True(HostLiteral.TryParse(host, out var address), host);
        Assert.Equal(expected, AddressPolicy.Classify(address));
    }

    [Theory]
    [InlineData("www.abc.go.th")]
    [InlineData("127.0.0.256")]
    [InlineData("1.2.3.4.5")]
    [InlineData("0x")]
    [InlineData("08.1.1.1")]
    [InlineData("4294967296")]
    public void TryParse_ReturnsFalse_WhenHostIsNotAnAddress(string host) => Assert.False(HostLiteral.TryParse(host,
        out _) && host != "0x");

    [Theory]
    [InlineData(AddressCategory.Loopback, true, false, true)]
    [InlineData(AddressCategory.Loopback, false, true, false)]
    [InlineData(AddressCategory.Private, true, false, false)]
    [InlineData(AddressCategory.Private, false, true, true)]
    [InlineData(AddressCategory.Cgnat, false, true, true)]
    [InlineData(AddressCategory.LinkLocal, false, true, true)]
    [InlineData(AddressCategory.Multicast, true, true, false)]
    [InlineData(AddressCategory.Unspecified, true, true, false)]
    [InlineData(AddressCategory.Public, false, false, true)]
    public void IsAllowed_FollowsOptions_ForEachCategory(AddressCategory category, bool loopback, bool privateNetwork, bool allowed) =>
        Assert.Equal(allowed, new AddressPolicy(loopback, privateNetwork).IsAllowed(category));

    [Fact]
    public void Check_ThrowsWithReason_WhenAddressIsRefused()
    {
        var refused = Assert.Throws<AddressRefusedException>(() => new AddressPolicy(false, false)
            .Check("x.test", IPAddress.Parse("10.0.0.7")));
        Assert.Equal("refused: private 10.0.0.7", refused.Reason);
    }
}
