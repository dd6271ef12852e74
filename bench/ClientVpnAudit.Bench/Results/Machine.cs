using System.Runtime.InteropServices;

namespace ClientVpnAudit.Bench.Results;

/// <summary>What the numbers were measured on.</summary>
/// <param name="LoadAverage">The 1, 5 and 15 minute load averages when the run ended (Linux), or null.</param>
internal sealed record Machine(int Cores, string Cpu, double MemoryGb, string Os, string Runtime, string? LoadAverage)
{
    public static Machine Current() => new(
        Environment.ProcessorCount,
        ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        double.TryParse(ProcField("/proc/meminfo", "MemTotal")?.Split(' ')[0], out var kb) ? Math.Round(kb / 1024 / 1024, 1) : 0,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        LoadAverages());

    /// <summary>Above the number of cores, other processes shared the CPU: wall times and memory peaks are inflated.</summary>
    public bool Loaded => LoadAverage is { } load
        && double.TryParse(load.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture, out var fifteen) && fifteen > Cores;

    private static string? LoadAverages()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? ProcField(string path, string name)
    {
        try
        {
            return File.ReadLines(path)
                .Where(line => line.StartsWith(name, StringComparison.Ordinal))
                .Select(line => line[(line.IndexOf(':') + 1)..].Trim())
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
