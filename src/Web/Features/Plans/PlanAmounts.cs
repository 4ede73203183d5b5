namespace PlanNacc.Web.Features.Plans;

/// <summary>
/// Money in plans and reports: baht with at most two decimals (satang), from 0 up to <see cref="Max"/>. Inside these bounds
/// the stored floating-point number reads back exactly once rounded to satang (at most 14 significant digits, where a double
/// keeps 15), so what was typed is what is shown and summed. Reading is defensive as well: an amount stored before the bound
/// existed (up to decimal's own maximum) is read at the bound instead of failing every page that sums it.
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

    /// <summary>A stored amount as baht and satang; NaN reads as nothing, anything beyond the bounds reads at the bound.</summary>
    public static decimal? FromStored(double? stored) => stored switch
    {
        null or double.NaN => null,
        < 0 => 0,
        >= (double)Max => Max,
        { } a => Math.Round((decimal)a, 2),
    };
}
