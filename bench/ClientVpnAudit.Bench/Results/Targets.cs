using System.Globalization;
using ClientVpnAudit.Archiver.Configuration;

namespace ClientVpnAudit.Bench.Results;

/// <summary>A target of the benchmark: reported, never asserted (timings vary from machine to machine).</summary>
internal sealed record Target(string What, double Actual, double Limit, string Unit)
{
    public bool Met => Actual <= Limit;

    /// <summary>How far over (positive) or under (negative) the limit, as a share of it.</summary>
    public double Margin => Limit == 0 ? 0 : (Actual - Limit) / Limit;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{What}: {Actual:0.###} {Unit} vs limit {Limit:0.###} {Unit}: {(Met ? "met" : "MISSED")} ({Margin:+0.0%;-0.0%} of the limit)");
}

internal static class Targets
{
    public const double WriteUnitsVsNaive = 0.4;
    public const double WriteUnitsVsMinimum = 1.05;
    public const double WallVsNaive = 0.1;
    public const double PeakWorkingSetMb = 200;

    /// <summary>The write floor the day index must keep (its entry per insert offset by KEYS_ONLY projections), on 20x500.</summary>
    public const double SteadyWriteUnitsOn20x500 = 6_400;

    public static IReadOnlyList<Target> For(ScenarioResult result)
    {
        var targets = new List<Target>();
        var steady = result.ArchiverSteady;
        if (result.NaiveSteady is { } naive)
        {
            targets.Add(new Target("steady write units, archiver / naive", steady.WriteUnits / naive.WriteUnits, WriteUnitsVsNaive, "x"));
            targets.Add(new Target("steady write units, archiver / necessary minimum", steady.WriteUnits / result.MinimumSteady, WriteUnitsVsMinimum, "x"));
            targets.Add(new Target("steady wall time, archiver / naive", steady.WallSeconds / naive.WallSeconds, WallVsNaive, "x"));
        }

        if (result.Spec.Name == "20x500")
        {
            targets.Add(new Target("steady write units per poll, archiver", steady.WriteUnits, SteadyWriteUnitsOn20x500, "WRU"));
        }

        if (result.NaiveSteady is null)
        {
            var budget = ArchiverOptions.DefaultTimeBudgetSeconds;
            targets.Add(new Target("first poll wall time within TIME_BUDGET_SECONDS", result.ArchiverFirst.WallSeconds, budget, "s"));
            targets.Add(new Target("steady poll wall time (mean) within TIME_BUDGET_SECONDS", steady.WallSeconds, budget, "s"));
            targets.Add(new Target($"slowest poll (poll {result.ArchiverSlowest.Poll}) within TIME_BUDGET_SECONDS", result.ArchiverSlowest.Result.WallSeconds, budget, "s"));
            targets.Add(new Target("peak working set of any archiver poll", result.Archiver.Max(p => p.Result.PeakWorkingSetBytes) / 1024.0 / 1024.0,
                PeakWorkingSetMb, "MB"));
        }

        return targets;
    }
}
