namespace ClientVpnAudit.Bench.Results;

/// <summary>
/// Lambda gives a function CPU in proportion to its memory: one full vCPU at 1,769 MB. A poll's CPU time, measured
/// here on a full core, stretches by that share at a smaller setting (a rough guide: this machine's cores are not
/// Graviton cores).
/// </summary>
internal static class LambdaCpu
{
    public const int MemoryMbPerVcpu = 1769;

    public static double Share(int memoryMb) => Math.Min(1.0, memoryMb / (double)MemoryMbPerVcpu);

    public static double SecondsAt(double cpuSeconds, int memoryMb) => cpuSeconds / Share(memoryMb);
}
