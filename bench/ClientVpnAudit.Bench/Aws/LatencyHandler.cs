using System.Diagnostics;

namespace ClientVpnAudit.Bench.Aws;

/// <summary>
/// Adds a fixed delay before every request, so that a poll against servers on 127.0.0.1 takes the time it would take
/// against AWS from a Lambda function in the same region. It sits on the client side, identically for both pollers.
/// </summary>
internal sealed class LatencyHandler(TimeSpan latency, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private int _requests;
    private long _waitedTimestamps;

    /// <summary>Requests sent through this handler, retries included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The latency actually injected, on average (the delay's precision is about a millisecond).</summary>
    public TimeSpan MeanInjected => _requests == 0
        ? TimeSpan.Zero
        : TimeSpan.FromSeconds(Interlocked.Read(ref _waitedTimestamps) / (double)Stopwatch.Frequency / _requests);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        if (latency > TimeSpan.Zero)
        {
            var started = Stopwatch.GetTimestamp();
            await DelayScheduler.Shared.Delay(latency, cancellationToken);
            Interlocked.Add(ref _waitedTimestamps, Stopwatch.GetTimestamp() - started);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
