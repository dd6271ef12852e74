using Amazon.CDK.Assertions;

namespace ClientVpnAudit.Infra.Tests;

/// <summary>Every role of the central stack gets a name that the member role's trust (CentralStackNames) covers.</summary>
public sealed class CentralRoleNamesTests(DefaultStackFixture stack) : IClassFixture<DefaultStackFixture>
{
    /// <summary>CloudFormation names an unnamed role STACK-LOGICALID-SUFFIX (a suffix of up to 13 characters), at most 64.</summary>
    private const int GeneratedSuffixLength = 13;

    private readonly Template _template = stack.Template;

    [Fact]
    public void EveryRole_IsUnderATrustedConstruct_AndItsGeneratedNameIsNotTruncated()
    {
        var roleIds = _template.FindResources("AWS::IAM::Role").Keys;

        Assert.NotEmpty(roleIds);
        Assert.All(roleIds, logicalId =>
        {
            Assert.Contains(CentralStackNames.RoleOwners, owner => logicalId.StartsWith(owner, StringComparison.Ordinal));
            Assert.InRange($"{stack.Stack.StackName}-{logicalId}-".Length + GeneratedSuffixLength, 1, 64);
        });
    }

    [Fact]
    public void TheRoles_AreExactlyThePlannersAndTheWorkers_NamedWithTheirPrefixes()
    {
        Assert.Equal([CentralStackNames.Planner, CentralStackNames.Worker], CentralStackNames.RoleOwners);
        foreach (var owner in CentralStackNames.RoleOwners)
        {
            Assert.StartsWith(CentralStackNames.RoleNamePrefix(owner),
                $"{stack.Stack.StackName}-{_template.FunctionResourceId(owner, "AWS::IAM::Role")}", StringComparison.Ordinal);
        }

        _template.ResourceCountIs("AWS::IAM::Role", 2);
    }
}
