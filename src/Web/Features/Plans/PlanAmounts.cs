namespace PlanNacc.Web.Features.Plans;

/// <summary>
/// Money in plans and reports: baht with at most two decimals (satang), from 0 up to <see cref="Max"/>, stored exactly as
/// whole satang in an integer column on both databases (migration 0030), so what was typed is what is shown and summed.
/// Reading is defensive as well: a stored value beyond the bounds (written before the bound existed, or by hand) reads at
/// the bound instead of failing every page that sums it.
/// </summary>
public static class PlanAmounts
{
    /// <summary>Just under one trillion baht: above any LAO's budget, far from decimal's and double's limits even summed.</summary>
    public const decimal Max = 999_999_999_999.99m;

    /// <summary>Why an amount cannot be taken (in Thai), or null.</summary>
    public static string? Problem(decimal? amount) => amount switch
    {
        null => null,
        < 0 => "จำนวนเงินติดลบไม่ได้",
        > Max => $"จำนวนเงินเกิน {Max:N2} บาท",
        { } a when decimal.Round(a, 2) != a => "จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์)",
        _ => null,
    };

    /// <summary>The largest amount in satang, as stored.</summary>
    public const long MaxSatang = 99_999_999_999_999;

    /// <summary>An amount (already checked by <see cref="Problem"/>) as the whole satang stored.</summary>
    public static long? ToSatang(decimal? amount) =>
        amount is { } a ? (long)(Math.Clamp(decimal.Round(a, 2), 0, Max) * 100) : null;

    /// <summary>Stored satang as baht; anything beyond the bounds reads at the bound.</summary>
    public static decimal? FromSatang(long? stored) => stored switch
    {
        null => null,
        < 0 => 0,
        >= MaxSatang => Max,
        { } satang => satang / 100m,
    };

    /// <summary>A stored sum of satang (many amounts) as baht, never throwing: the sum itself may exceed one amount's bound.</summary>
    public static decimal SumFromSatang(long? stored) => stored is { } satang and > 0 ? satang / 100m : 0;
}
