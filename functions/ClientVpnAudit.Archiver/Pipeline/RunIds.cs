namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>Names a planner run in the work it plans and in the logs.</summary>
public static class RunIds
{
    public static string New() => Guid.NewGuid().ToString("N");
}
