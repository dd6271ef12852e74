using Amazon.CDK.Assertions;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Infra.Configuration;

namespace ClientVpnAudit.Infra.Tests;

/// <summary>
/// For every allowed schedule, the staleness alarm fires at least 20 minutes before what ended after the last
/// successful run ages out of AWS Client VPN's 60-minute listing, and a scheduled event may wait long enough for one
/// retry. The numbers are pinned here, then checked in each synthesized template.
/// </summary>
public sealed class ScheduleTimingTests
{
    public static TheoryData<int, int, int, int> Timings => new()
    {
        // minutes, staleness periods (5 min), recovery lead (min), max event age (s)
        { 1, 2, 42, 180 }, { 2, 2, 42, 180 }, { 3, 2, 42, 180 },
        { 4, 3, 37, 240 }, { 5, 3, 37, 300 }, { 6, 3, 37, 360 }, { 7, 3, 37, 420 }, { 8, 3, 37, 480 },
        { 9, 4, 32, 540 }, { 10, 4, 32, 600 }, { 11, 4, 32, 660 }, { 12, 4, 32, 720 }, { 13, 4, 32, 780 },
        { 14, 5, 27, 840 }, { 15, 5, 27, 900 }, { 16, 5, 27, 960 }, { 17, 5, 27, 1020 }, { 18, 5, 27, 1080 },
        { 19, 6, 22, 1140 }, { 20, 6, 22, 1200 }, { 21, 6, 22, 1260 }, { 22, 6, 22, 1320 }, { 23, 6, 22, 1380 },
    };

    [Fact]
    public void AllowedMinutes_AreOneToTwentyThree() =>
        Assert.Equal(Enumerable.Range(1, 23), ScheduleInterval.AllowedMinutes);

    [Theory]
    [MemberData(nameof(Timings))]
    public void Timing_IsDerivedFromTheSchedule(int minutes, int stalenessPeriods, int recoveryLeadMinutes, int maxEventAgeSeconds)
    {
        var schedule = ScheduleInterval.FromMinutes(minutes);

        Assert.Equal(stalenessPeriods, schedule.StalenessPeriods);
        Assert.Equal(recoveryLeadMinutes, schedule.RecoveryLead.TotalMinutes);
        Assert.True(schedule.RecoveryLead >= TimeSpan.FromMinutes(20));
        // Healthy runs report at most minutes + 2 apart: the window always holds one of them with a period to spare.
        Assert.True(schedule.StalenessWindow.TotalMinutes >= minutes + 2 + 5);
        Assert.Equal(maxEventAgeSeconds, schedule.MaxEventAge.TotalSeconds);
    }

    [Theory]
    [MemberData(nameof(Timings))]
    public void Template_CarriesTheDerivedTiming(int minutes, int stalenessPeriods, int recoveryLeadMinutes, int maxEventAgeSeconds)
    {
        var template = TestStacks.Synthesize(new Dictionary<string, object> { [ContextKeys.ScheduleMinutes] = minutes });

        template.HasResourceProperties("AWS::CloudWatch::Alarm", Match.ObjectLike(new Dictionary<string, object>
        {
            ["MetricName"] = ArchiverMetrics.RunSucceeded,
            ["Period"] = 300,
            ["EvaluationPeriods"] = stalenessPeriods,
            ["DatapointsToAlarm"] = stalenessPeriods,
            ["AlarmDescription"] = Match.StringLikeRegexp($"within {recoveryLeadMinutes} minutes"),
        }));
        template.HasResourceProperties("AWS::Lambda::EventInvokeConfig", Match.ObjectLike(new Dictionary<string, object>
        {
            ["MaximumEventAgeInSeconds"] = maxEventAgeSeconds,
        }));
        template.HasResourceProperties("AWS::Events::Rule", Match.ObjectLike(new Dictionary<string, object>
        {
            ["ScheduleExpression"] = minutes == 1 ? "rate(1 minute)" : $"rate({minutes} minutes)",
            ["Targets"] = Match.ArrayWith(new object[]
            {
                Match.ObjectLike(new Dictionary<string, object>
                {
                    ["RetryPolicy"] = Match.ObjectLike(new Dictionary<string, object> { ["MaximumEventAgeInSeconds"] = maxEventAgeSeconds }),
                }),
            }),
        }));
    }
}
