using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Cli.Queries;

namespace ClientVpnAudit.Cli.Tests.Unit;

public sealed class SessionQueryPlanTests
{
    private static readonly DateTimeOffset Since = DateTimeOffset.Parse("2026-03-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly DateTimeOffset Until = DateTimeOffset.Parse("2026-03-02T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Plan_WithEndpointAndInterval_QueriesByEndpoint_EstablishedFrom24HoursBeforeSinceUntilUntil()
    {
        var plan = SessionQueryPlan.For(new SessionFilter { EndpointId = "cvpn-endpoint-1", Since = Since, Until = Until });

        Assert.Same(SessionTable.ByEndpoint, plan.Index);
        Assert.Equal("2026-03-01T09:00:00Z", plan.EstablishedFrom);
        Assert.Equal("2026-03-02T10:00:00Z", plan.EstablishedTo);
        var request = plan.ToQueryRequest("Sessions");
        Assert.Equal(SessionTable.ByEndpoint.Name, request.IndexName);
        Assert.Equal("#pk = :pk AND #sk BETWEEN :from AND :to", request.KeyConditionExpression);
        Assert.Equal(SessionAttributes.ClientVpnEndpointId, request.ExpressionAttributeNames["#pk"]);
        Assert.Equal(SessionAttributes.ConnectionEstablishedTime, request.ExpressionAttributeNames["#sk"]);
        Assert.Equal("(attribute_not_exists(#f0) OR #f0 >= :f0)", request.FilterExpression);
        Assert.Equal(SessionAttributes.ConnectionEndTime, request.ExpressionAttributeNames["#f0"]);
    }

    [Fact]
    public void Plan_WithUser_QueriesByIdentity_FilteringOnWhatItProjects()
    {
        var withEndpoint = SessionQueryPlan.For(new SessionFilter { Identity = "bob", EndpointId = "cvpn-endpoint-1", Since = Since });
        var active = SessionQueryPlan.For(new SessionFilter { Identity = "bob", ActiveOnly = true });

        Assert.Same(SessionTable.ByIdentity, withEndpoint.Index);
        Assert.Equal("bob", withEndpoint.PartitionValue);
        Assert.Equal("(attribute_not_exists(#f0) OR #f0 >= :f0) AND #f1 = :f1", withEndpoint.ToQueryRequest("Sessions").FilterExpression);
        Assert.Same(SessionTable.ByIdentity, active.Index);
        Assert.Equal("#f0 <> :f0", active.ToQueryRequest("Sessions").FilterExpression);
        Assert.All(withEndpoint.Conditions.Concat(active.Conditions),
            condition => Assert.Contains(condition.Attribute, SessionTable.ByIdentity.Projection!));
    }

    [Fact]
    public void Plan_ForActiveSessionsOfAnEndpoint_QueriesTheSparseIndex_WithoutFiltersOnAKeysOnlyIndex()
    {
        var plan = SessionQueryPlan.For(new SessionFilter { EndpointId = "cvpn-endpoint-1", Identity = "bob", ActiveOnly = true, Until = Until });

        Assert.Same(SessionTable.ActiveByEndpoint, plan.Index);
        Assert.Empty(plan.Conditions);
        var request = plan.ToQueryRequest("Sessions");
        Assert.Equal("#pk = :pk AND #sk <= :to", request.KeyConditionExpression);
        Assert.Null(request.FilterExpression);
    }

    [Fact]
    public void Plan_WithSinceOnly_BoundsTheSortKeyBelow() =>
        Assert.Equal("#pk = :pk AND #sk >= :from",
            SessionQueryPlan.For(new SessionFilter { EndpointId = "cvpn-endpoint-1", Since = Since }).ToQueryRequest("Sessions").KeyConditionExpression);

    [Fact]
    public void Plan_WithoutEndpointOrUser_Scans()
    {
        Assert.Null(SessionQueryPlan.For(new SessionFilter { Since = Since, Until = Until, ActiveOnly = true }).Index);
        Assert.Throws<InvalidOperationException>(() => SessionQueryPlan.For(SessionFilter.All).ToQueryRequest("Sessions"));
    }
}
