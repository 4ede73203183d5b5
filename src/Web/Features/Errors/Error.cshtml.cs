using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlanNacc.Web.Hosting;

namespace PlanNacc.Web.Features.Errors;

/// <summary>
/// /error/{status}: the Thai error page in the site's layout. The pipeline re-executes here for a page's error status
/// (status code pages) or exception (exception handler): the status stays the original one, the page says what to do next,
/// and nothing of the exception reaches the visitor. Open to anyone and to any method (an error of a POST re-executes as POST).
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public string Thai { get; private set; } = "";

    public string English { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        // Visited directly (/error/404), the page answers with the status it describes; re-executed, with the original one.
        Status = reExecuted ? Response.StatusCode : status is >= 400 and <= 599 ? status.Value : StatusCodes.Status404NotFound;
        Response.StatusCode = Status;
        (Thai, English) = Problems.Titles.TryGetValue(Status, out var title) ? title : Problems.Titles[Status >= 500 ? 500 : 400];
        Explanation = Status switch
        {
            404 => "ไม่พบหน้าที่ขอ: ตรวจที่อยู่ หรือเริ่มจากหน้าแรก",
            403 => "บัญชีนี้ไม่มีสิทธิ์ดูหน้านี้",
            405 => "หน้านี้ไม่รับคำขอแบบนี้",
            413 => "ข้อมูลหรือไฟล์ที่ส่งใหญ่เกินกำหนด",
            429 => "ส่งคำขอถี่เกินไป รอสักครู่แล้วลองใหม่",
            >= 500 => "ระบบขัดข้องชั่วคราว ลองใหม่อีกครั้ง หากยังเป็นอยู่ แจ้งผู้ดูแลระบบ",
            _ => "คำขอนี้ไม่ถูกต้อง ลองกลับไปหน้าก่อนแล้วทำใหม่",
        };
    }
}
