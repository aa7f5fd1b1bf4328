namespace EventContracts.Http;

/// <summary>What became of one event sent to one destination.</summary>
public enum SendOutcome
{
    /// <summary>The vendor answered 2xx: the event was accepted.</summary>
    Accepted,

    /// <summary>
    /// The vendor answered that the idempotency key was already used (Courier's 409): an earlier delivery of this
    /// event happened, typically an attempt whose response was lost. Nothing is counted twice.
    /// </summary>
    Duplicate,

    /// <summary>The vendor refused the call (4xx other than a retried 408/429): bad credentials or a body it did not accept. Not retried.</summary>
    Rejected,

    /// <summary>Our own checks failed before sending (the body does not satisfy the contract, or an id is unusable): nothing was sent.</summary>
    Invalid,

    /// <summary>The call did not succeed after the retries (5xx, 408/429, transport error, timeout, open circuit, unknown destination).</summary>
    Failed,
}
