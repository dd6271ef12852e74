using System.Globalization;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Cli.Queries;

namespace ClientVpnAudit.Cli.Tests.Unit;

public sealed class SessionQueryPlanTests
{
    private static readonly DateTimeOffset Since = Time("2026-03-02T09:00:00Z");
    private static readonly DateTimeOffset Until = Time("2026-03-02T10:00:00Z");
    private static readonly DateTimeOffset Now = Time("2026-06-30T12:00:00Z");

    [Fact]
    public void Plan_WithEndpointAndInterval_QueriesByEndpoint_EstablishedFrom24HoursBeforeSinceUntilUntil()
    {
        var plan = SessionQueryPlan.For(new SessionFilter { EndpointId = "cvpn-endpoint-1", Since = Since, Until = Until }, Now);

        Assert.Same(SessionTable.ByEndpoint, plan.Index);
        Assert.Equal("2026-03-01T09:00:00Z", plan.EstablishedFrom);
        Assert.Equal("2026-03-02T10:00:00Z", plan.EstablishedTo);
        var request = Assert.Single(plan.ToQueryRequests("Sessions"));
        Assert.Equal(SessionTable.ByEndpoint.Name, request.IndexName);
        Assert.Equal("#pk = :pk AND #sk BETWEEN :from AND :to", request.KeyConditionExpression);
        Assert.Equal(SessionAttributes.ClientVpnEndpointId, request.ExpressionAttributeNames["#pk"]);
        Assert.Equal(SessionAttributes.ConnectionEstablishedTime, request.ExpressionAttributeNames["#sk"]);
        Assert.Null(request.FilterExpression);
    }

    [Fact]
    public void Plan_WithUser_QueriesByIdentity_WithoutFilters_EvenWithAnEndpoint()
    {
        var plan = SessionQueryPlan.For(new SessionFilter { Identity = "bob", EndpointId = "cvpn-endpoint-1", Since = Since }, Now);

        Assert.Same(SessionTable.ByIdentity, plan.Index);
        var request = Assert.Single(plan.ToQueryRequests("Sessions"));
        Assert.Equal("bob", request.ExpressionAttributeValues[":pk"].S);
        Assert.Null(request.FilterExpression);
    }

    [Fact]
    public void Plan_ForActiveSessionsOfAnEndpoint_QueriesTheSparseIndex()
    {
        var plan = SessionQueryPlan.For(new SessionFilter { EndpointId = "cvpn-endpoint-1", Identity = "bob", ActiveOnly = true, Until = Until }, Now);

        Assert.Same(SessionTable.ActiveByEndpoint, plan.Index);
        var request = Assert.Single(plan.ToQueryRequests("Sessions"));
        Assert.Equal("#pk = :pk AND #sk <= :to", request.KeyConditionExpression);
    }

    [Fact]
    public void Plan_ForActiveSessionsEverywhere_ScansOnlyTheSparseIndex()
    {
        var plan = SessionQueryPlan.For(new SessionFilter { ActiveOnly = true, Since = Since }, Now);

        Assert.Equal(QueryKind.IndexScan, plan.Kind);
        Assert.Equal(SessionTable.ActiveByEndpoint.Name, plan.ToScanRequest("Sessions").IndexName);
    }

    [Fact]
    public void Plan_WithSinceOnly_BoundsTheSortKeyBelow() =>
        Assert.Equal("#pk = :pk AND #sk >= :from",
            Assert.Single(SessionQueryPlan.For(new SessionFilter { EndpointId = "cvpn-endpoint-1", Since = Since }, Now).ToQueryRequests("Sessions"))
                .KeyConditionExpression);

    [Fact]
    public void Plan_AtAnInstantEverywhere_QueriesByEstablishedDay_TheDayBeforeAndTheDay()
    {
        var at = Time("2026-03-04T03:12:00Z");

        var plan = SessionQueryPlan.For(new SessionFilter { Since = at, Until = at }, Now);

        Assert.Equal(QueryKind.Query, plan.Kind);
        Assert.Same(SessionTable.ByEstablishedDay, plan.Index);
        var requests = plan.ToQueryRequests("Sessions");
        Assert.Equal(["2026-03-03", "2026-03-04"], requests.Select(request => request.ExpressionAttributeValues[":pk"].S));
        Assert.All(requests, request =>
        {
            Assert.Equal(SessionTable.ByEstablishedDay.Name, request.IndexName);
            Assert.Equal(SessionAttributes.EstablishedDay, request.ExpressionAttributeNames["#pk"]);
            Assert.Equal("#pk = :pk AND #sk BETWEEN :from AND :to", request.KeyConditionExpression);
            Assert.Equal("2026-03-03T03:12:00Z", request.ExpressionAttributeValues[":from"].S);
            Assert.Equal("2026-03-04T03:12:00Z", request.ExpressionAttributeValues[":to"].S);
        });
    }

    [Fact]
    public void Plan_ForAWeekEverywhere_QueriesEightDays_AndWithoutUntil_UpToTheDayAfterNow()
    {
        var week = SessionQueryPlan.For(new SessionFilter { Since = Time("2026-03-02T00:00:00Z"), Until = Time("2026-03-08T23:59:59Z") }, Now);
        var open = SessionQueryPlan.For(new SessionFilter { Since = Time("2026-06-29T10:00:00+02:00") }, Now);

        Assert.Equal(8, week.PartitionValues.Count);
        Assert.Equal(["2026-03-01", "2026-03-08"], [week.PartitionValues[0], week.PartitionValues[^1]]);
        Assert.Equal(["2026-06-28", "2026-06-29", "2026-06-30", "2026-07-01"], open.PartitionValues);
        Assert.Null(open.EstablishedTo);
    }

    [Fact]
    public void Plan_ForEverything_OrOnlyAnUpperBoundOrATarget_ScansTheTable()
    {
        Assert.Equal(QueryKind.TableScan, SessionQueryPlan.For(SessionFilter.All, Now).Kind);
        Assert.Equal(QueryKind.TableScan, SessionQueryPlan.For(new SessionFilter { Until = Until }, Now).Kind);
        Assert.Equal(QueryKind.TableScan, SessionQueryPlan.For(new SessionFilter { AccountId = "123456789012" }, Now).Kind);
        Assert.Null(SessionQueryPlan.TableScan.ToScanRequest("Sessions").IndexName);
        Assert.Throws<InvalidOperationException>(() => SessionQueryPlan.For(SessionFilter.All, Now).ToQueryRequests("Sessions"));
    }

    [Fact]
    public void Plan_ForAWindowOfMoreThanTenYears_ScansTheTable()
    {
        Assert.Equal(QueryKind.Query, SessionQueryPlan.For(new SessionFilter { Since = Now.AddDays(-3_650), Until = Now }, Now).Kind);
        Assert.Equal(QueryKind.TableScan, SessionQueryPlan.For(new SessionFilter { Since = Now.AddDays(-3_700), Until = Now }, Now).Kind);
        Assert.Equal(QueryKind.TableScan, SessionQueryPlan.For(new SessionFilter { Since = DateTimeOffset.MinValue }, Now).Kind);
    }

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
