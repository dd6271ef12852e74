namespace ClientVpnAudit.Infra;

/// <summary>
/// The central stack's name and the ids of its constructs that hold an IAM role, in one place for both stacks.
/// CloudFormation names a role the template does not name STACK-LOGICALID-SUFFIX, and CDK's logical ID starts with the
/// construct's path under the stack: the planner's role is ClientVpnAudit-PlannerExecutionRole...-..., the worker's
/// ClientVpnAudit-WorkerExecutionRole...-.... The member stack's role trusts exactly these prefixes, and the central
/// stack builds its constructs with these ids, so they cannot drift.
/// </summary>
public static class CentralStackNames
{
    /// <summary>The central stack (Program.cs), and the first part of every role name it leaves to CloudFormation.</summary>
    public const string StackName = "ClientVpnAudit";

    /// <summary>The scheduled function that lists every target's endpoints and queues one piece of work per endpoint.</summary>
    public const string Planner = "Planner";

    /// <summary>The queue-triggered function that archives one endpoint.</summary>
    public const string Worker = "Worker";

    /// <summary>The constructs whose roles may assume the member role.</summary>
    public static readonly IReadOnlyList<string> RoleOwners = [Planner, Worker];

    /// <summary>What the name of every role under a construct starts with, e.g. ClientVpnAudit-Planner.</summary>
    public static string RoleNamePrefix(string constructId) => $"{StackName}-{constructId}";
}
