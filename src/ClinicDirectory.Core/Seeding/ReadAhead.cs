using System.Collections.Concurrent;

namespace ClinicDirectory.Core.Seeding;

/// <summary>Produces a sequence's next item on another thread while the caller works on the current one.</summary>
public static class ReadAhead
{
    /// <summary>
    /// The items of source in order, at most one read ahead. An exception of the source is thrown to the
    /// caller at the item where it happened; a caller that stops early stops the reading too.
    /// </summary>
    public static IEnumerable<T> OneAhead<T>(IEnumerable<T> source)
    {
        using var stop = new CancellationTokenSource();
        using var queue = new BlockingCollection<T>(boundedCapacity: 1);
        // A thread of its own: the caller blocks while waiting for the next item, and on a busy two-core
        // thread pool a queued reader could wait half a second for the pool to add a thread.
        var reader = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var item in source) queue.Add(item, stop.Token);
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var item in queue.GetConsumingEnumerable()) yield return item;
            reader.GetAwaiter().GetResult();
        }
        finally
        {
            stop.Cancel();
            // The reader ends at its next item (or at once when done); its outcome is the caller's only above.
            reader.ContinueWith(static _ => { }, TaskScheduler.Default).Wait();
        }
    }
}
