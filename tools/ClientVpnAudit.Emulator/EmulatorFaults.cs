namespace ClientVpnAudit.Emulator;

/// <summary>How an empty list of connections or endpoints appears in a response.</summary>
public enum EmptyPageForm
{
    /// <summary><c>&lt;connections/&gt;</c></summary>
    SelfClosing,

    /// <summary>No list element at all.</summary>
    Omitted,
}

/// <summary>
/// Fault injection. Every member is thread-safe and takes effect on the next request.
/// Request-level faults (throttling, 500s, delays) apply to every action; endpoint faults apply to
/// DescribeClientVpnConnections for that endpoint; a denied action answers UnauthorizedOperation whatever it asks.
/// </summary>
public sealed class EmulatorFaults
{
    private readonly Lock _lock = new();
    private readonly List<CountedFault> _counted = [];
    private readonly Dictionary<string, TimeSpan> _endpointDelays = new(StringComparer.Ordinal);
    private readonly HashSet<string> _notFound = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unauthorized = new(StringComparer.Ordinal);
    private readonly HashSet<string> _denied = new(StringComparer.Ordinal);
    private readonly HashSet<string> _repeatNextToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (EmptyPageForm Form, int Pages)> _emptyPagesFirst = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failLaterPages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _listedUnder = new(StringComparer.Ordinal);
    private TimeSpan _delay;
    private EmptyPageForm _emptyListForm = EmptyPageForm.SelfClosing;

    /// <summary>Answers the next <paramref name="count"/> matching requests with 503 RequestLimitExceeded.</summary>
    public void Throttle(int count, string? action = null, string? endpointId = null) =>
        AddCounted(count, Ec2Error.Throttled(), action, endpointId);

    /// <summary>Answers the next <paramref name="count"/> matching requests with 500 InternalError.</summary>
    public void FailWith500(int count, string? action = null, string? endpointId = null) =>
        AddCounted(count, Ec2Error.Internal(), action, endpointId);

    /// <summary>Added to every response.</summary>
    public TimeSpan Delay
    {
        get { lock (_lock) return _delay; }
        set { lock (_lock) _delay = value; }
    }

    /// <summary>Added (on top of <see cref="Delay"/>) to every request that names this endpoint.</summary>
    public void DelayFor(string endpointId, TimeSpan delay)
    {
        lock (_lock) _endpointDelays[endpointId] = delay;
    }

    /// <summary>DescribeClientVpnConnections for this endpoint answers 400 InvalidClientVpnEndpointId.NotFound.</summary>
    public void NotFound(string endpointId)
    {
        lock (_lock) _notFound.Add(endpointId);
    }

    /// <summary>DescribeClientVpnConnections for this endpoint answers 403 UnauthorizedOperation.</summary>
    public void Unauthorized(string endpointId)
    {
        lock (_lock) _unauthorized.Add(endpointId);
    }

    /// <summary>
    /// The action answers 403 UnauthorizedOperation to every request, DryRun included, as EC2 does when IAM does not
    /// allow it: ec2:DescribeClientVpnConnections missing from the caller's policy, for instance.
    /// </summary>
    /// <param name="action">One of <see cref="Ec2Emulator.Actions"/>.</param>
    public void Deny(string action)
    {
        if (!Ec2Emulator.Actions.Contains(action, StringComparer.Ordinal))
        {
            throw new ArgumentException($"the emulator serves {string.Join(" and ", Ec2Emulator.Actions)}, not {action}", nameof(action));
        }

        lock (_lock) _denied.Add(action);
    }

    /// <summary>
    /// The endpoint's first page always carries a NextToken, and every page requested with a token answers with that
    /// same token again, forever. A client must detect the loop.
    /// </summary>
    public void RepeatNextToken(string endpointId)
    {
        lock (_lock) _repeatNextToken.Add(endpointId);
    }

    /// <summary>Before its real pages, the endpoint serves <paramref name="pages"/> empty pages (each with a NextToken) in the given form.</summary>
    public void EmptyPagesFirst(string endpointId, EmptyPageForm form, int pages = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pages);
        lock (_lock) _emptyPagesFirst[endpointId] = (form, pages);
    }

    /// <summary>
    /// The endpoint's first page is served as usual; every later page (a request with a NextToken) answers
    /// 500 InternalError, so the listing can never be completed.
    /// </summary>
    public void FailLaterPages(string endpointId)
    {
        lock (_lock) _failLaterPages.Add(endpointId);
    }

    /// <summary>
    /// The connection is served in <paramref name="endpointId"/>'s listing instead of its own endpoint's, still naming
    /// its own endpoint: a listing that holds a connection of another endpoint.
    /// </summary>
    public void ListConnectionUnder(string connectionId, string endpointId)
    {
        lock (_lock) _listedUnder[connectionId] = endpointId;
    }

    /// <summary>How an empty list is written (an endpoint without connections, an empty last page). Default: self-closing.</summary>
    public EmptyPageForm EmptyListForm
    {
        get { lock (_lock) return _emptyListForm; }
        set { lock (_lock) _emptyListForm = value; }
    }

    /// <summary>Removes every fault.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _counted.Clear();
            _endpointDelays.Clear();
            _notFound.Clear();
            _unauthorized.Clear();
            _denied.Clear();
            _repeatNextToken.Clear();
            _emptyPagesFirst.Clear();
            _failLaterPages.Clear();
            _listedUnder.Clear();
            _delay = TimeSpan.Zero;
            _emptyListForm = EmptyPageForm.SelfClosing;
        }
    }

    internal TimeSpan DelayFor(string? endpointId)
    {
        lock (_lock)
        {
            var delay = _delay;
            if (endpointId is not null && _endpointDelays.TryGetValue(endpointId, out var extra))
            {
                delay += extra;
            }
            return delay;
        }
    }

    /// <summary>True when <see cref="Deny"/> was called for this action.</summary>
    internal bool IsDenied(string action)
    {
        lock (_lock) return _denied.Contains(action);
    }

    /// <summary>The throttle or 500 this request consumes, if any.</summary>
    internal Ec2Error? TakeRequestFault(string action, string? endpointId)
    {
        lock (_lock)
        {
            for (var i = 0; i < _counted.Count; i++)
            {
                var fault = _counted[i];
                if ((fault.Action is null || fault.Action == action)
                    && (fault.EndpointId is null || fault.EndpointId == endpointId))
                {
                    if (--fault.Remaining <= 0)
                    {
                        _counted.RemoveAt(i);
                    }
                    return fault.Error;
                }
            }
            return null;
        }
    }

    internal EndpointFaults ForEndpoint(string endpointId)
    {
        lock (_lock)
        {
            return new EndpointFaults(
                _notFound.Contains(endpointId),
                _unauthorized.Contains(endpointId),
                _repeatNextToken.Contains(endpointId),
                _emptyPagesFirst.TryGetValue(endpointId, out var empty) ? empty.Pages : 0,
                _emptyPagesFirst.TryGetValue(endpointId, out empty) ? empty.Form : _emptyListForm,
                _emptyListForm,
                _failLaterPages.Contains(endpointId));
        }
    }

    /// <summary>The endpoint's connections after <see cref="ListConnectionUnder"/>: the ones moved away left out, the ones moved here added.</summary>
    internal IReadOnlyList<SnapshotConnection> Relist(string endpointId, IReadOnlyList<SnapshotConnection> own, IReadOnlyList<SnapshotConnection> all)
    {
        lock (_lock)
        {
            if (_listedUnder.Count == 0)
            {
                return own;
            }

            bool MovedAway(SnapshotConnection c) => c.ConnectionId is not null && _listedUnder.ContainsKey(c.ConnectionId);
            bool MovedHere(SnapshotConnection c) => c.ConnectionId is not null && _listedUnder.TryGetValue(c.ConnectionId, out var to) && to == endpointId;
            return own.Where(c => !MovedAway(c)).Concat(all.Where(c => MovedHere(c) && c.ClientVpnEndpointId != endpointId)).ToList();
        }
    }

    private void AddCounted(int count, Ec2Error error, string? action, string? endpointId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return;
        }
        lock (_lock) _counted.Add(new CountedFault(error, action, endpointId) { Remaining = count });
    }

    private sealed class CountedFault(Ec2Error error, string? action, string? endpointId)
    {
        public Ec2Error Error { get; } = error;
        public string? Action { get; } = action;
        public string? EndpointId { get; } = endpointId;
        public int Remaining { get; set; }
    }
}

/// <summary>The faults of one endpoint, read once per request.</summary>
internal sealed record EndpointFaults(
    bool NotFound,
    bool Unauthorized,
    bool RepeatNextToken,
    int EmptyPagesFirst,
    EmptyPageForm EmptyPagesForm,
    EmptyPageForm EmptyListForm,
    bool FailLaterPages)
{
    public static EndpointFaults None(EmptyPageForm emptyListForm) =>
        new(false, false, false, 0, emptyListForm, emptyListForm, false);
}
