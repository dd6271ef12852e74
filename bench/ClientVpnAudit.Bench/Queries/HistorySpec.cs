namespace ClientVpnAudit.Bench.Queries;

/// <summary>
/// A history of sessions spread evenly over <see cref="Days"/> days from <see cref="Start"/>, across endpoints and
/// identities; the questions are asked after loading the first days of each checkpoint, so the same question meets an
/// ever longer history.
/// </summary>
internal sealed record HistorySpec(int Records, int Days, int Endpoints, int Identities, IReadOnlyList<int> Checkpoints, int QuestionDay)
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A year at reduced scale: 200,000 sessions (about 550 a day), 20 endpoints, 2,000 users.</summary>
    public static HistorySpec Year { get; } = new(200_000, 365, 20, 2_000, [90, 180, 365], QuestionDay: 60);

    /// <summary>For CI: two months of 60 sessions a day, small enough to run in seconds.</summary>
    public static HistorySpec Quick { get; } = new(3_600, 60, 4, 100, [20, 40, 60], QuestionDay: 10);

    public double RecordsPerDay => (double)Records / Days;

    /// <summary>"03:12 on the question day": the instant of the instant questions, and the start of the week.</summary>
    public DateTimeOffset QuestionTime => Start.AddDays(QuestionDay).AddHours(3).AddMinutes(12);
}
