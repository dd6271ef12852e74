namespace ClientVpnAudit.Infra.Constructs;

/// <summary>
/// What one of the archiver's functions calls, and so what its role may do: exactly the EC2 reads and DynamoDB
/// actions its code makes (see the archiver's Storage and Ec2 folders).
/// </summary>
/// <param name="Ec2Actions">Client VPN reads; none supports resource-level permissions, so they are on "*".</param>
/// <param name="SessionTableActions">Item actions on the sessions table itself (never on its indexes).</param>
/// <param name="OpenSessionsIndexAction">The one read of the sparse ActiveByEndpoint index.</param>
/// <param name="EndpointTableActions">Actions on the endpoint-state table.</param>
public sealed record ArchiverAccess(
    IReadOnlyList<string> Ec2Actions,
    IReadOnlyList<string> SessionTableActions,
    string OpenSessionsIndexAction,
    IReadOnlyList<string> EndpointTableActions)
{
    /// <summary>
    /// Lists every target's endpoints; closes the sessions of gone ones: every open session found with a Scan of the
    /// sparse index (never of the table), one session per endpoint read back for its target (BatchGetItem), each marked
    /// lost (UpdateItem); reads the endpoints' freshness and records gone endpoints in the endpoint-state table.
    /// </summary>
    public static ArchiverAccess Planner { get; } = new(
        ["ec2:DescribeClientVpnEndpoints"],
        ["dynamodb:BatchGetItem", "dynamodb:UpdateItem"],
        "dynamodb:Scan",
        ["dynamodb:BatchGetItem", "dynamodb:UpdateItem"]);

    /// <summary>
    /// Lists one endpoint's connections; reads before writing (BatchGetItem), upserts and marks lost (UpdateItem), finds
    /// the endpoint's open sessions with a Query of the sparse index; records the attempt in the endpoint-state table.
    /// </summary>
    public static ArchiverAccess Worker { get; } = new(
        ["ec2:DescribeClientVpnConnections"],
        ["dynamodb:BatchGetItem", "dynamodb:UpdateItem"],
        "dynamodb:Query",
        ["dynamodb:UpdateItem"]);

    /// <summary>The Client VPN reads of both functions: what a member account's role lends them.</summary>
    public static IReadOnlyList<string> AllEc2Actions { get; } = Planner.Ec2Actions.Concat(Worker.Ec2Actions).ToArray();
}
