using Amazon.CDK.Assertions;

namespace ClientVpnAudit.Infra.Tests;

/// <summary>Small readers over a synthesized template (its JSON arrives as dictionaries, object arrays and doubles).</summary>
internal static class TemplateJson
{
    public static Dictionary<string, object> Ref(string logicalId) => new() { ["Ref"] = logicalId };

    public static Dictionary<string, object> GetAtt(string logicalId, string attribute) =>
        new() { ["Fn::GetAtt"] = new object[] { logicalId, attribute } };

    /// <summary>The logical ID of the only resource of a type; fails when there is not exactly one.</summary>
    public static string SingleLogicalId(this Template template, string type) =>
        Assert.Single(template.FindResources(type)).Key;

    /// <summary>The sessions table's logical ID (the stack has two tables).</summary>
    public static string SessionsTableId(this Template template) => template.LogicalIdStartingWith("AWS::DynamoDB::Table", "Sessions");

    /// <summary>The endpoint-state table's logical ID.</summary>
    public static string EndpointTableId(this Template template) => template.LogicalIdStartingWith("AWS::DynamoDB::Table", "EndpointState");

    /// <summary>The logical ID of the planner's or the worker's resource of a type (CentralStackNames.Planner or .Worker).</summary>
    public static string FunctionResourceId(this Template template, string constructId, string type = "AWS::Lambda::Function") =>
        template.LogicalIdStartingWith(type, constructId);

    /// <summary>The work queue's and its dead-letter queue's, and the planner's dead-letter queue's logical IDs.</summary>
    public static string WorkQueueId(this Template template) => template.LogicalIdStartingWith("AWS::SQS::Queue", "WorkQueue");

    public static string WorkDeadLetterQueueId(this Template template) => template.LogicalIdStartingWith("AWS::SQS::Queue", "WorkDeadLetters");

    public static string DeadLetterQueueId(this Template template) => template.LogicalIdStartingWith("AWS::SQS::Queue", "DeadLetters");

    /// <summary>Every statement of the identity policy of the planner's or the worker's role.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, object>> RoleStatements(this Template template, string constructId)
    {
        var policyId = template.FunctionResourceId(constructId, "AWS::IAM::Policy");
        var document = Child(template.Properties(policyId), "PolicyDocument");
        return AsList(document["Statement"]).Select(statement => (IReadOnlyDictionary<string, object>)statement).ToList();
    }

    /// <summary>The environment variables of the planner's or the worker's function.</summary>
    public static IReadOnlyDictionary<string, object> FunctionEnvironment(this Template template, string constructId)
    {
        var properties = template.Properties(template.FunctionResourceId(constructId));
        return Child(Child(properties, "Environment"), "Variables");
    }

    private static string LogicalIdStartingWith(this Template template, string type, string prefix) =>
        Assert.Single(template.FindResources(type).Keys, id => id.StartsWith(prefix, StringComparison.Ordinal));

    public static IReadOnlyDictionary<string, object> Resource(this Template template, string logicalId) =>
        (IReadOnlyDictionary<string, object>)((IDictionary<string, object>)template.ToJSON()["Resources"])[logicalId];

    public static IReadOnlyDictionary<string, object> Properties(this Template template, string logicalId) =>
        (IReadOnlyDictionary<string, object>)template.Resource(logicalId)["Properties"];

    /// <summary>Every statement of every IAM identity policy in the template (AWS::IAM::Policy and inline role policies).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, object>> IdentityPolicyStatements(this Template template)
    {
        var documents = template.FindResources("AWS::IAM::Policy").Values
            .Select(resource => Child(Child(resource, "Properties"), "PolicyDocument"))
            .Concat(template.FindResources("AWS::IAM::Role").Values
                .Select(resource => Child(resource, "Properties"))
                .Where(properties => properties.ContainsKey("Policies"))
                .SelectMany(properties => ((object[])properties["Policies"]).Select(policy => Child(policy, "PolicyDocument"))));

        return documents.SelectMany(document => AsList(document["Statement"]))
            .Select(statement => (IReadOnlyDictionary<string, object>)statement)
            .ToList();
    }

    public static IReadOnlyList<string> Actions(IReadOnlyDictionary<string, object> statement) =>
        AsList(statement["Action"]).Cast<string>().ToList();

    public static IReadOnlyList<object> AsList(object value) => value is object[] items ? items : [value];

    private static IReadOnlyDictionary<string, object> Child(object parent, string key) =>
        (IReadOnlyDictionary<string, object>)((IDictionary<string, object>)parent)[key];
}
