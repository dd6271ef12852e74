using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClientVpnAudit.Emulator;

/// <summary>
/// An EC2 endpoint on 127.0.0.1 that answers DescribeClientVpnEndpoints and DescribeClientVpnConnections
/// (EC2 Query protocol) from a <see cref="Snapshot"/>. Point an AmazonEC2Client's ServiceURL, or the AWS CLI's
/// --endpoint-url, at <see cref="Url"/>.
/// </summary>
public sealed class Ec2Emulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly List<EmulatorRequest> _requests = [];
    private readonly Lock _requestsLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private ServedSnapshot _served;
    private long _generation;

    private Ec2Emulator(WebApplication app, Snapshot snapshot)
    {
        _app = app;
        _served = new ServedSnapshot(snapshot, Interlocked.Increment(ref _generation));
        Url = null!;
    }

    /// <summary>The EC2 actions the emulator answers; any other answers InvalidAction.</summary>
    public static IReadOnlyList<string> Actions { get; } = [DescribeEndpoints.Action, DescribeConnections.Action];

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri Url { get; private set; }

    public EmulatorFaults Faults { get; } = new();

    /// <summary>What is being served now.</summary>
    public Snapshot Snapshot => Volatile.Read(ref _served).Snapshot;

    /// <summary>Every request answered so far, in arrival order (a copy).</summary>
    public IReadOnlyList<EmulatorRequest> Requests
    {
        get { lock (_requestsLock) return _requests.ToArray(); }
    }

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/> (0 = a free port).</summary>
    public static async Task<Ec2Emulator> StartAsync(Snapshot snapshot, int port = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // Without this every instance watches the content root for appsettings changes (one inotify instance each).
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        var app = builder.Build();
        var emulator = new Ec2Emulator(app, snapshot);
        app.Run(emulator.HandleAsync);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address");
        emulator.Url = new Uri(address.EndsWith('/') ? address : address + "/");
        return emulator;
    }

    /// <summary>Serves another snapshot from the next request on. NextTokens issued for the previous one become invalid.</summary>
    public void Serve(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Volatile.Write(ref _served, new ServedSnapshot(snapshot, Interlocked.Increment(ref _generation)));
    }

    /// <summary>Requests received for this Action, faulted ones included.</summary>
    public int RequestCount(string action) => _counts.TryGetValue(action, out var count) ? count : 0;

    public async ValueTask DisposeAsync()
    {
        // Injected delays end at once instead of holding the shutdown.
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var cancellationToken = linked.Token;
        var response = context.Response;
        response.Headers.Server = "AmazonEC2";
        var requestId = Guid.NewGuid().ToString();

        QueryParameters query;
        try
        {
            query = await QueryParameters.ReadAsync(context.Request, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return;
        }

        var action = query.Get("Action") ?? "";
        var endpointId = NullIfEmpty(query.Get("ClientVpnEndpointId")) ?? query.GetList("ClientVpnEndpointId").FirstOrDefault();
        _counts.AddOrUpdate(action, 1, (_, n) => n + 1);

        Func<Task> write;
        int status;
        string? errorCode = null;
        try
        {
            var delay = Faults.DelayFor(endpointId);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancellationToken);
            }
            write = Prepare(action, endpointId, query, response, requestId, cancellationToken);
            status = StatusCodes.Status200OK;
        }
        catch (OperationCanceledException)
        {
            // The client left, or the emulator is stopping: either way no answer, rather than an empty 200.
            context.Abort();
            return;
        }
        catch (Exception exception)
        {
            var error = exception is Ec2ErrorException ec2 ? ec2.Error : Ec2Error.Internal();
            status = error.Status;
            errorCode = error.Code;
            write = () => error.WriteAsync(response, requestId, cancellationToken);
        }

        Record(new EmulatorRequest(action, endpointId, MaxResultsOf(query), query.Get("NextToken"), status, errorCode));
        try
        {
            await write();
        }
        catch (OperationCanceledException)
        {
            // The client went away mid-response.
        }
    }

    private Func<Task> Prepare(string action, string? endpointId, QueryParameters query, HttpResponse response,
        string requestId, CancellationToken cancellationToken)
    {
        if (Faults.TakeRequestFault(action, endpointId) is { } fault)
        {
            throw new Ec2ErrorException(fault);
        }
        var served = Volatile.Read(ref _served);
        switch (action)
        {
            case DescribeConnections.Action:
                {
                    var page = DescribeConnections.Prepare(query, served, Faults);
                    return () => PageResponse.WriteAsync(response, action, "connections", requestId, page, ConnectionXml.WriteItem, cancellationToken);
                }
            case DescribeEndpoints.Action:
                {
                    var page = DescribeEndpoints.Prepare(query, served, Faults);
                    return () => PageResponse.WriteAsync(response, action, "clientVpnEndpoint", requestId, page, EndpointXml.WriteItem, cancellationToken);
                }
            default:
                throw new Ec2ErrorException(Ec2Error.InvalidAction(action));
        }
    }

    private void Record(EmulatorRequest request)
    {
        lock (_requestsLock) _requests.Add(request);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static int? MaxResultsOf(QueryParameters query) =>
        int.TryParse(query.Get("MaxResults"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
