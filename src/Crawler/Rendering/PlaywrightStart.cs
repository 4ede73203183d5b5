using Microsoft.Playwright;

namespace PlanNacc.Crawler.Rendering;

/// <summary>
/// Starts Playwright's driver without a console deadlock. Playwright.CreateAsync sets Console.OutputEncoding, which holds
/// the console's own lock and then waits for the writers of Console.Out and Console.Error. A console logger writing to
/// Console.Error at that moment holds that writer and waits for Console.Out (to track the cursor): the process hung for
/// good (seen in a full test run; `serve` rendering a site while it logs can meet the same). Holding both writers first,
/// in the logger's order (Error, then Out), while the driver starts leaves no such cycle.
/// </summary>
public static class PlaywrightStart
{
    public static Task<IPlaywright> CreateAsync()
    {
        lock (Console.Error)
        {
            lock (Console.Out)
            {
                // The driver starts in CreateAsync's synchronous part, inside the locks; the wait for its answer is outside.
                return Playwright.CreateAsync();
            }
        }
    }
}
