namespace ClientVpnAudit.Emulator;

/// <summary>
/// A request the emulator answered. <paramref name="EndpointId"/> is ClientVpnEndpointId (or the first ClientVpnEndpointId.N);
/// <paramref name="MaxResults"/> is null when absent or not a number; <paramref name="ErrorCode"/> is null on success.
/// </summary>
public sealed record EmulatorRequest(
    string Action,
    string? EndpointId,
    int? MaxResults,
    string? NextToken,
    int Status,
    string? ErrorCode);
