using System;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EventContracts.Emulator.Tests.Support;

/// <summary>Keeps every formatted log line (with exceptions and scopes' messages) of every category.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new ConcurrentQueue<string>();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger : ILogger
    {
        private readonly CapturingLoggerProvider _owner;
        private readonly string _category;

        public Logger(CapturingLoggerProvider owner, string category)
        {
            _owner = owner;
            _category = category;
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            _owner.Lines.Enqueue(_category + " scope: " + state);
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => _owner.Lines.Enqueue(logLevel + " " + _category + ": " + formatter(state, exception) + " " + state + " " + exception);
    }
}
