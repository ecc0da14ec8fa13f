namespace Analytics.Models;

/// <summary>A brand's reply with text in a conversation, as its brand counts canned replies.</summary>
/// <param name="Minute">UTC minute of the reply (minutes since the Unix epoch).</param>
/// <param name="Channel">Channel of the reply.</param>
/// <param name="Sketch">Its text's near-duplicate keys.</param>
/// <param name="FollowedUp">The customer wrote again after it (an inbound message later in the conversation).</param>
[GenerateSerializer, Immutable, Alias("analytics.ReplyEntry")]
public readonly record struct ReplyEntry(long Minute, string Channel, ReplySketch Sketch, bool FollowedUp);

/// <summary>An unfollow whose author is known: matched to the author's conversations with the brand (calibrated unfollow risk).</summary>
/// <param name="Timestamp">Event time, UTC microseconds.</param>
/// <param name="AuthorKey">The author's key.</param>
[GenerateSerializer, Immutable, Alias("analytics.AuthoredUnfollow")]
public readonly record struct AuthoredUnfollow(long Timestamp, ulong AuthorKey);
