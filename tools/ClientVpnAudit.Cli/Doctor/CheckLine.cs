namespace ClientVpnAudit.Cli.Doctor;

/// <summary>What one check found.</summary>
internal enum CheckOutcome
{
    Passed,
    Failed,

    /// <summary>The store or service could not answer, or there was nothing to ask about: not a failure.</summary>
    Unknown,
}

/// <summary>One line of `cvpn-audit doctor`: ✓, ✗ (with the fix) or ?, then what was found.</summary>
internal sealed record CheckLine(CheckOutcome Outcome, string Text)
{
    public static CheckLine Pass(string text) => new(CheckOutcome.Passed, text);

    public static CheckLine Fail(string text, string fix) => new(CheckOutcome.Failed, $"{text}; fix: {fix}");

    public static CheckLine Unknown(string text) => new(CheckOutcome.Unknown, text);

    public string Symbol => Outcome switch
    {
        CheckOutcome.Passed => "✓",
        CheckOutcome.Failed => "✗",
        _ => "?",
    };

    public override string ToString() => $"{Symbol} {Text}";
}
