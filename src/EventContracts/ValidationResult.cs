using System;
using System.Collections.Generic;
using System.Text;

namespace EventContracts;

/// <summary>The outcome of validating a value or a JSON document against a contract.</summary>
public sealed class ValidationResult
{
    private static readonly ValidationResult s_valid = new ValidationResult(Array.Empty<ValidationError>());

    /// <summary>Creates a result from the errors found; an empty list means the value is valid.</summary>
    /// <param name="errors">The errors found, in the order they were found.</param>
    public ValidationResult(IReadOnlyList<ValidationError> errors)
    {
        Errors = errors ?? throw new ArgumentNullException(nameof(errors));
    }

    /// <summary>The result without errors (one cached instance).</summary>
    public static ValidationResult Valid => s_valid;

    /// <summary><see langword="true"/> when no error was found.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>The errors found, in document order; empty when <see cref="IsValid"/>.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    /// <summary>Returns <c>Valid</c>, or <c>Invalid</c> followed by one error per line.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString()
    {
        if (Errors.Count == 0)
        {
            return "Valid";
        }

        var builder = new StringBuilder("Invalid (");
        builder.Append(Errors.Count == 1 ? "1 error)" : Errors.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " errors)");
        foreach (ValidationError error in Errors)
        {
            builder.Append('\n').Append("  ").Append(error.ToString());
        }

        return builder.ToString();
    }
}
