namespace ClinicDirectory.Core.Editing;

/// <summary>What a change produced, or why it was refused (then nothing changed).</summary>
public sealed class EditResult<T>
    where T : class
{
    public T? Value { get; init; }
    public IReadOnlyList<UserError> Errors { get; init; } = [];
    /// <summary>Things the caller should know about an accepted change, e.g. how the clinic was placed.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    public static EditResult<T> Refused(params UserError[] errors) => new() { Errors = errors };

    public static EditResult<T> Refused(IReadOnlyList<UserError> errors) => new() { Errors = errors };
}
