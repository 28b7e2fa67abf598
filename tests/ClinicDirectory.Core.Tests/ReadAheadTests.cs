using ClinicDirectory.Core.Seeding;

namespace ClinicDirectory.Core.Tests;

public sealed class ReadAheadTests
{
    [Fact]
    public void Items_come_in_order_and_at_most_one_ahead_of_the_caller()
    {
        var produced = 0;
        IEnumerable<int> Source()
        {
            for (var i = 0; i < 50; i++)
            {
                Interlocked.Increment(ref produced);
                yield return i;
            }
        }

        var seen = new List<int>();
        foreach (var item in ReadAhead.OneAhead(Source()))
        {
            Thread.Sleep(1);
            // The current item, at most one waiting in the queue and one being produced.
            Assert.True(Volatile.Read(ref produced) <= item + 3, $"produced {produced} while at {item}");
            seen.Add(item);
        }
        Assert.Equal(Enumerable.Range(0, 50), seen);
    }

    [Fact]
    public void A_failure_of_the_source_reaches_the_caller_after_the_items_before_it()
    {
        IEnumerable<int> Source()
        {
            yield return 1;
            yield return 2;
            throw new InvalidDataException("file 3 is broken");
        }

        var seen = new List<int>();
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var item in ReadAhead.OneAhead(Source())) seen.Add(item);
        });
        Assert.Equal("file 3 is broken", error.Message);
        Assert.Equal([1, 2], seen);
    }

    [Fact]
    public void A_caller_that_stops_early_stops_the_reading()
    {
        var produced = 0;
        IEnumerable<int> Endless()
        {
            for (var i = 0; ; i++)
            {
                Interlocked.Increment(ref produced);
                yield return i;
            }
        }

        Assert.Equal([0, 1, 2], ReadAhead.OneAhead(Endless()).Take(3));
        var after = Volatile.Read(ref produced);
        Thread.Sleep(50);
        Assert.Equal(after, Volatile.Read(ref produced));
        Assert.True(after <= 5);
    }
}
