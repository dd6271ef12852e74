namespace ClientVpnAudit.Emulator;

/// <summary>
/// A request the emulator answered. <paramref name="EndpointId"/> is ClientVpnEndpointId (or the first ClientVpnEndpointId.N);
/// <paramref name="MaxResults"/> is null when absent or not a number; <paramref name="ErrorCode"/> is null on success.
/// <paramref name="AccessKeyId"/> and <paramref name="Region"/> are the request's SigV4 credential scope, null without one.
/// </summary>
public sealed record EmulatorRequest(
    string Action,
    string? EndpointId,
    int? MaxResults,
    string? NextToken,
    int Status,
    string? ErrorCode,
    string? AccessKeyId = null,
    string? Region = null);
