import Foundation
import GlossCore

/// The bundled sample corpus, written for Gloss: an invented interview (WebVTT with voices and a
/// chapters file whose last chapter is absent), a brief, and two commentary articles that get
/// some of the figures wrong. `gloss` with no paths opens it.
public enum Sample {
    public struct File: Sendable {
        public var path: String
        public var text: String
    }

    public static let files: [File] = [
        File(path: "sample/harbor-interview.vtt", text: interview),
        File(path: "sample/harbor-interview.chapters.json", text: chapters),
        File(path: "sample/harbor-brief.md", text: brief),
        File(path: "sample/daily-commentary.txt", text: daily),
        File(path: "sample/weekly-commentary.txt", text: weekly),
    ]

    /// The sample as parsed documents (the chapters file attached to the interview).
    public static func documents() -> [Document] {
        let chapterList = (try? CueDocumentReader.chapters(Array(chapters.utf8))) ?? []
        var docs: [Document] = []
        for f in files where !f.path.hasSuffix(".chapters.json") {
            let isInterview = f.path.hasSuffix(".vtt")
            if let d = try? DocumentLoader.parse(Array(f.text.utf8), path: f.path, chapters: isInterview ? chapterList : nil) {
                docs.append(d)
            }
        }
        return docs
    }

    static let interview = #"""
WEBVTT - Shoreline: Tobias Ferrand on Harbor Storage

00:00:00.000 --> 00:00:06.000
<v Mara Quist>Welcome back to Shoreline, the show about how cities actually get built. I'm Mara Quist.

00:00:06.000 --> 00:00:14.000
<v Mara Quist>My guest today is Tobias Ferrand, who runs the Harbor Storage project in Port Elling. Tobias, thanks for coming in.

00:00:14.000 --> 00:00:21.000
<v Tobias Ferrand>Thanks for having me, Mara. It's a strange time to be in batteries, so I'm glad to talk about it.

00:00:21.000 --> 00:00:24.000
<v Mara Quist>Strange how?

00:00:24.000 --> 00:00:33.000
<v Tobias Ferrand>Strange because the hardware got cheap faster than the paperwork got simple. We can build faster than we can get permission to build.

00:00:33.000 --> 00:00:36.600
<v Mara Quist>Let's start with the basics. What is Harbor Storage?

00:00:38.000 --> 00:00:46.400
<v Tobias Ferrand>It's a grid battery on the old container pier. Four hundred megawatt-hours when it's finished, sitting where cranes used to be.

00:00:48.000 --> 00:00:53.200
<v Tobias Ferrand>The first phase is 120 megawatt-hours and it has been running since March.

00:00:56.000 --> 00:00:59.000
<v Mara Quist>And the second phase?

00:01:00.000 --> 00:01:05.200
<v Tobias Ferrand>The second phase is permitted. We expect to break ground in the autumn.

00:01:08.000 --> 00:01:13.600
<v Mara Quist>People in Port Elling mostly know the project from the fight over the pier.

00:01:15.000 --> 00:01:24.200
<v Tobias Ferrand>Yes, and that fight was fair. A pier is public memory. We had to earn the right to put a battery on it.

00:04:10.000 --> 00:04:14.400
<v Mara Quist>So why storage now? Ten years ago nobody was building this.

00:04:17.000 --> 00:04:26.600
<v Tobias Ferrand>Ten years ago the numbers didn't work. The simple version is that solar made the middle of the day cheap and the evening expensive.

00:04:28.000 --> 00:04:33.600
<v Tobias Ferrand>A battery moves the cheap afternoon into the expensive evening. That's the whole business.

00:04:36.000 --> 00:04:39.000
<v Mara Quist>Is it really that simple?

00:04:39.000 --> 00:04:47.000
<v Tobias Ferrand>The business is simple. Operating it is not. We cycle about once a day, and on the hottest days twice.

00:04:50.000 --> 00:04:58.800
<v Tobias Ferrand>Last August the evening peak in Port Elling hit 310 megawatts, and we covered about 18 percent of it for two hours.

00:05:03.000 --> 00:05:06.000
<v Mara Quist>Eighteen percent sounds like a lot.

00:05:06.000 --> 00:05:17.600
<v Tobias Ferrand>For two hours, on one day, it is. Over a whole year it's much less. I don't want people to hear 18 percent and think we run the city.

00:05:18.000 --> 00:05:22.000
<v Mara Quist>What would it take to run the evening on storage?

00:05:23.000 --> 00:05:34.600
<v Tobias Ferrand>Honestly, something like six or seven projects our size. I'd say that is realistic in one or two years if the permits move, not in one or two months.

00:11:30.000 --> 00:11:35.200
<v Mara Quist>Let's talk about money. What has happened to the cost of the cells?

00:11:36.000 --> 00:11:45.600
<v Tobias Ferrand>When we first priced this project in 2021 the cells were about 150 dollars a kilowatt-hour. The last order we placed was under 90.

00:11:47.000 --> 00:11:50.000
<v Mara Quist>So the cost fell by forty percent?

00:11:51.000 --> 00:12:02.200
<v Tobias Ferrand>Roughly 40 percent on the cells, yes. But the cells are only about a third of the cost. Transformers, land, labour and interconnection didn't get cheaper at all.

00:12:04.000 --> 00:12:11.200
<v Tobias Ferrand>Transformers are the worst. The lead time went from eight or nine months to more than two years.

00:12:15.000 --> 00:12:18.000
<v Mara Quist>Two years for a transformer?

00:12:18.000 --> 00:12:28.400
<v Tobias Ferrand>Two years. We bought ours before we had the permit, which was a gamble. If the permit had failed we would own a very expensive paperweight.

00:12:30.000 --> 00:12:33.000
<v Mara Quist>How much does the whole thing cost?

00:12:34.000 --> 00:12:43.200
<v Tobias Ferrand>Phase one was 61 million dollars. Phase two is budgeted at about 140 million, because it's bigger and because of the pier work.

00:12:46.000 --> 00:12:49.000
<v Mara Quist>Who pays for that?

00:12:49.000 --> 00:13:00.200
<v Tobias Ferrand>Mostly a green bond the city backed, plus a contract with the utility. The utility pays us a fixed fee for capacity, and we keep the trading margin.

00:13:02.000 --> 00:13:05.000
<v Mara Quist>Is it profitable?

00:13:05.000 --> 00:13:16.600
<v Tobias Ferrand>Phase one covers its costs. I wouldn't call it very profitable yet. Our margin last year was around 6 percent, which is a utility margin, not a tech margin.

00:19:45.000 --> 00:19:51.000
<v Mara Quist>Let's go to the harbor itself. What is it like to build on a pier?

00:19:51.000 --> 00:20:00.200
<v Tobias Ferrand>Salt, wind and rules. Salt gets into everything, so the enclosures are sealed and we run the air conditioning harder than we'd like.

00:20:02.000 --> 00:20:14.000
<v Tobias Ferrand>And the pier is a heritage structure, so we can't drill where we want. We built a steel deck on top of the old timber instead of going through it.

00:20:14.000 --> 00:20:17.000
<v Mara Quist>There was a fire scare last year.

00:20:17.000 --> 00:20:27.800
<v Tobias Ferrand>There was an alarm, not a fire. A sensor failed in the rain. The fire service came, found nothing, and we replaced forty sensors the next week.

00:20:29.000 --> 00:20:33.000
<v Mara Quist>Some of the coverage said you had a thermal runaway.

00:20:33.000 --> 00:20:44.600
<v Tobias Ferrand>We did not. I understand why people worry, batteries can burn. But "we nearly lost the pier" is not what happened. Nobody was hurt and no cell was damaged.

00:20:46.000 --> 00:20:49.200
<v Mara Quist>How do you deal with the neighbours now?

00:20:50.000 --> 00:21:01.600
<v Tobias Ferrand>We publish the monitoring data every month, and we hold an open day twice a year. The first open day, twelve people came. The last one, about four hundred.

00:26:30.000 --> 00:26:34.800
<v Mara Quist>Last chapter. What comes next for storage in cities like Port Elling?

00:26:36.000 --> 00:26:46.400
<v Tobias Ferrand>Longer duration. Four hours is the standard now. The next step is eight to ten hours, which needs different chemistry, probably iron-air or something like it.

00:26:48.000 --> 00:26:50.000
<v Mara Quist>When?

00:26:50.000 --> 00:26:58.000
<v Tobias Ferrand>Pilots within three years. Real scale, I think, takes closer to a decade. I'd love to be wrong about that.

00:27:00.000 --> 00:27:03.000
<v Mara Quist>And for you personally?

00:27:03.000 --> 00:27:10.600
<v Tobias Ferrand>Finish phase two, and write down everything we got wrong so the next city doesn't have to repeat it.

00:27:11.000 --> 00:27:14.000
<v Mara Quist>Tobias Ferrand, thank you.

00:27:14.000 --> 00:27:17.000
<v Tobias Ferrand>Thank you, Mara.
"""#

    static let chapters = #"""
{
  "version": "1.2.0",
  "chapters": [
    {"startTime": 0, "title": "Introductions"},
    {"startTime": 250, "title": "Why storage now?"},
    {"startTime": 690, "title": "The cost curve"},
    {"startTime": 1185, "title": "Building on the pier"},
    {"startTime": 1590, "title": "What comes next"},
    {"startTime": 1800, "title": "Listener questions"}
  ]
}
"""#

    static let brief = #"""
# Shoreline: Tobias Ferrand on Harbor Storage

## Brief

Tobias Ferrand, who runs the Harbor Storage battery on Port Elling's old container pier, told Mara Quist that the hardware for grid storage has become cheap faster than permits have become simple. The first phase, 120 megawatt-hours, has run since March; a second phase is permitted and should start in the autumn, taking the project to 400 megawatt-hours.

## Key details

- Ferrand said cell prices fell from about $150 per kilowatt-hour in 2021 to under $90, roughly 40%, but cells are only about a third of the project's cost.
- He said transformer lead times grew from eight or nine months to more than two years.
- Last August the battery covered about 18% of a 310 MW evening peak for two hours.
- He estimated that six or seven projects of Harbor Storage's size could carry the city's evening peak, realistic in one or two years if permits move.
- Phase one cost $61 million; phase two is budgeted at about $140 million.
- Ferrand expects pilots of eight-to-ten-hour storage within three years and real scale in about a decade.
"""#

    static let daily = #"""
The Battery on the Pier Is Not the Revolution You Were Promised

Jonah Pell · Port Elling Daily · 6 min read

Tobias Ferrand wants Port Elling to believe that a battery on a heritage pier will carry the city through its evenings. Listen closely to his Shoreline interview and the promise is smaller, and further away, than the headlines suggest.

A long wait for the evening

Ferrand said the city could run its evening peak on storage within three to five years, and only with six or seven more projects the size of his own. That is a long time for a technology sold as ready now.

He was proud that the battery covered a third of the evening peak last August. A third of one hot evening is a statistic, not a strategy.

Costs

The cells got cheaper, Ferrand admitted: prices fell by 60 percent since 2021. But he was candid that transformers now take more than two years to arrive, and that phase two will cost about $140 million.

The fire

Most troubling was his account of last year's incident. "We nearly lost the pier," Ferrand said, describing the alarm that brought the fire service to the harbor.

The city should ask harder questions before phase two begins.

Share this article

Subscribe to the Daily
"""#

    static let weekly = #"""
What Harbor Storage Teaches Other Cities

Ada Brennan · Grid Weekly · 4 min read

Tobias Ferrand's conversation with Mara Quist on Shoreline is one of the clearest accounts yet of what it takes to put grid storage in a city.

The good news

Cell prices fell by roughly 40 percent between 2021 and the project's latest order, Ferrand said. He was careful to add that cells are only about a third of the cost, and that transformers, land and labour did not get cheaper.

He thinks six or seven projects of Harbor Storage's size could carry Port Elling's evening peak, and that this is realistic in one or two years "if the permits move".

The bill

Phase one cost $61 million. Phase two, Ferrand said, is budgeted at $200 million, largely because of work on the pier.

On the fire scare, Ferrand was blunt: "There was an alarm, not a fire." Nobody was hurt and no cell was damaged.

Longer batteries

Ferrand expects pilots of eight to ten hour storage within three years, and real scale in about a decade.
"""#
}
