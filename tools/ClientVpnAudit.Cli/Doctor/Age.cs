using System.Globalization;

namespace ClientVpnAudit.Cli.Doctor;

/// <summary>How long ago, in the largest unit that still counts at least two of it: 90 minutes, 30 hours, 45 days, 3 months.</summary>
internal static class Age
{
    public static string Between(DateTimeOffset then, DateTimeOffset now)
    {
        var age = now - then;
        if (age < TimeSpan.FromMinutes(1))
        {
            return "less than a minute";
        }

        if (age < TimeSpan.FromHours(2))
        {
            return Count((int)age.TotalMinutes, "minute");
        }

        if (age < TimeSpan.FromDays(2))
        {
            return Count((int)age.TotalHours, "hour");
        }

        var months = CalendarMonths(then, now);
        return months < 2 ? Count((int)age.TotalDays, "day") : Count(months, "month");
    }

    /// <summary>Whole calendar months from then to now: March 2 to July 1 is 3.</summary>
    private static int CalendarMonths(DateTimeOffset then, DateTimeOffset now)
    {
        var (start, end) = (then.ToUniversalTime(), now.ToUniversalTime());
        var months = ((end.Year - start.Year) * 12) + end.Month - start.Month;
        return start.AddMonths(months) > end ? months - 1 : months;
    }

    private static string Count(int count, string unit) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + unit + (count == 1 ? "" : "s");
}
