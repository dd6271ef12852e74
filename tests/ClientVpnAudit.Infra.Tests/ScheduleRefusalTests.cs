using ClientVpnAudit.Infra.Configuration;

namespace ClientVpnAudit.Infra.Tests;

/// <summary>A schedule that cannot keep up with Client VPN's 60-minute window stops the synth with a clear error.</summary>
public sealed class ScheduleRefusalTests
{
    [Theory]
    [InlineData(24)]
    [InlineData(30)]
    [InlineData(31)]
    [InlineData(60)]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData("31")]
    [InlineData("abc")]
    [InlineData("2.5")]
    [InlineData(2.5)]
    public void Synth_RefusesScheduleMinutes_NamingTheValue(object scheduleMinutes)
    {
        var error = Assert.Throws<InvalidContextException>(() =>
            TestStacks.Create(new Dictionary<string, object> { [ContextKeys.ScheduleMinutes] = scheduleMinutes }));

        Assert.Equal(ContextKeys.ScheduleMinutes, error.Key);
        Assert.Contains(Convert.ToString(scheduleMinutes, System.Globalization.CultureInfo.InvariantCulture)!, error.Message);
        Assert.Contains("from 1 to 23", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(23)]
    public void ScheduleMinutes_AcceptsTheBounds(int minutes) =>
        Assert.Equal(minutes, ScheduleInterval.FromMinutes(minutes).Minutes);
}
