using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PlanNacc.Web.Features.Notifications;

/// <summary>
/// One-click unsubscribe links that need no login: the subscription id and an HMAC-SHA256 of it under a key kept in the
/// database (made once, shared by every process), so a link cannot be forged for another subscription.
/// </summary>
public sealed class UnsubscribeLinks(NotificationStore store, IOptions<NotificationOptions> options)
{
    public const string KeyName = "unsubscribe";

    public async Task<Uri> LinkAsync(long subscriptionId, CancellationToken cancellationToken = default)
    {
        var sig = Sign(await store.KeyAsync(KeyName, cancellationToken), subscriptionId);
        return options.Value.Link(string.Create(CultureInfo.InvariantCulture, $"notifications/unsubscribe?s={subscriptionId}&sig={sig}"));
    }

    public async Task<bool> VerifyAsync(long subscriptionId, string? sig, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(sig))
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Sign(await store.KeyAsync(KeyName, cancellationToken), subscriptionId));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(sig));
    }

    private static string Sign(byte[] key, long subscriptionId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key,
            Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"unsubscribe:{subscriptionId}"))));
}
