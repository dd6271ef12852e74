using System.Runtime.InteropServices;

namespace ClientVpnAudit.Bench.Results;

/// <summary>What the numbers were measured on.</summary>
internal sealed record Machine(int Cores, string Cpu, double MemoryGb, string Os, string Runtime)
{
    public static Machine Current() => new(
        Environment.ProcessorCount,
        ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        double.TryParse(ProcField("/proc/meminfo", "MemTotal")?.Split(' ')[0], out var kb) ? Math.Round(kb / 1024 / 1024, 1) : 0,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription);

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
