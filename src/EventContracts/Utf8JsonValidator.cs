using System;

namespace EventContracts;

/// <summary>Validates a UTF-8 JSON document against one contract.</summary>
/// <param name="utf8Json">The whole JSON document, UTF-8 encoded.</param>
/// <returns>The validation result; <see cref="ValidationResult.Valid"/> when the document satisfies the contract.</returns>
public delegate ValidationResult Utf8JsonValidator(ReadOnlySpan<byte> utf8Json);
