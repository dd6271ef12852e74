namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>The run failed. The summary was already reported; this makes the invocation an error.</summary>
internal sealed class ArchiverRunFailedException(RunSummary summary)
    : Exception(summary.Error ?? $"{summary.EndpointsFailed} of {summary.EndpointsPolled} endpoints failed: "
        + string.Join("; ", summary.Failures.Select(failure => $"{failure.EndpointId}: {failure.Reason}")))
{
    public RunSummary Summary { get; } = summary;
}
