using Microsoft.AspNetCore.Http;

namespace PlanNacc.Web.Features.Shared;

/// <summary>Thai by default; `?lang=en` switches to English and a cookie keeps the choice (`?lang=th` switches back).</summary>
public static class Lang
{
    public const string CookieName = "plannacc_lang";

    public static bool IsEnglish(HttpContext context)
    {
        if (context.Items.TryGetValue(CookieName, out var cached) && cached is bool english)
        {
            return english;
        }
        var query = context.Request.Query["lang"].ToString();
        english = query is "en" || (query is not "th" && context.Request.Cookies[CookieName] == "en");
        if (query is "en" or "th" && !context.Response.HasStarted)
        {
            context.Response.Cookies.Append(CookieName, query, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
            });
        }
        context.Items[CookieName] = english;
        return english;
    }

    /// <summary>The text in the reader's language.</summary>
    public static string T(this HttpContext context, string th, string en) => IsEnglish(context) ? en : th;
}
