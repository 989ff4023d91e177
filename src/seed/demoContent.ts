/**
 * The demo newsroom: an invented country, its people and a few weeks of coverage, written for this project.
 * Running stories share their core tags; ministers and the mayor cross between stories; generic topic tags sit on
 * many articles, the way real tagging does.
 */
export type DemoTag = {
  name: string
  kind: 'person' | 'place' | 'organisation' | 'event' | 'topic'
  description?: string
  /** Other names stories use for it; tag suggestions match them. */
  aliases?: string[]
}

export type DemoArticle = {
  title: string
  kicker?: string
  standfirst: string
  section: string
  tags: string[]
  authors: string[]
  /** Days before the seed runs; the running stories span several weeks. */
  daysAgo: number
  place: string
  paragraphs: string[]
  quote?: string
  subhead?: string
  image?: string
  /** A picture placed in the body, after the first paragraph. */
  inlineImage?: string
  /** The title of an earlier article the body points readers to. */
  seeAlso?: string
  /** A correction, dated the day after publication. */
  correction?: string
  status?: 'draft' | 'scheduled'
}

export const demoSections = [
  { name: 'News', description: 'National news from across Calderia.' },
  { name: 'Politics', description: 'Government, parliament and the parties.' },
  { name: 'Business', description: 'Companies, markets and the economy.' },
  { name: 'Sport', description: 'Results, transfers and the stories behind them.' },
  { name: 'Culture', description: 'Film, books, music and the arts.' },
]

export const demoAuthors = [
  { name: 'Amara Lindqvist', role: 'Chief political correspondent', bio: 'Covers parliament and the cabinet.' },
  { name: 'Tomas Ferreira', role: 'Environment correspondent', bio: 'Reports on weather, rivers and the climate.' },
  { name: 'Noor Haddad', role: 'Business editor', bio: 'Writes about companies, budgets and infrastructure.' },
  { name: 'Rui Takahashi', role: 'Sports reporter', bio: 'Follows the National Cup and the clubs of the north.' },
  { name: 'Elena Moreau', role: 'Arts correspondent', bio: 'Covers film, theatre and festivals.' },
  {
    name: 'Kofi Mensah',
    role: 'Education correspondent',
    bio: 'Schools, universities and the people who teach in them.',
  },
]

export const demoTags: DemoTag[] = [
  { name: 'Northgate', kind: 'place', description: 'River town in the north of Calderia.' },
  { name: 'River Sell', kind: 'place' },
  { name: 'Calder', kind: 'place', description: 'The capital.' },
  { name: 'Port Alder', kind: 'place' },
  { name: 'Northgate floods', kind: 'event', description: 'The spring floods along the River Sell.' },
  { name: 'Teachers’ strike', kind: 'event' },
  { name: 'National Cup', kind: 'event' },
  { name: 'Tidewater Film Festival', kind: 'event' },
  { name: 'Ines Carvalho', kind: 'person', description: 'Mayor of Northgate.', aliases: ['Mayor Carvalho'] },
  { name: 'Priya Raman', kind: 'person', description: 'Finance minister.', aliases: ['Raman'] },
  { name: 'Daniel Osei', kind: 'person', description: 'Education minister.' },
  { name: 'Marta Solberg', kind: 'person', description: 'Head coach of Calder City FC.' },
  { name: 'Jonas Abara', kind: 'person', description: 'Film director.' },
  { name: 'National Weather Office', kind: 'organisation', aliases: ['NWO'] },
  { name: 'Union of Teachers', kind: 'organisation' },
  { name: 'Harbourline Rail', kind: 'organisation' },
  { name: 'Calder City FC', kind: 'organisation' },
  { name: 'Politics', kind: 'topic' },
  { name: 'Economy', kind: 'topic' },
  { name: 'Climate', kind: 'topic' },
  { name: 'Education', kind: 'topic' },
  { name: 'Transport', kind: 'topic' },
  { name: 'Football', kind: 'topic' },
  { name: 'Film', kind: 'topic' },
  { name: 'Health', kind: 'topic' },
]

export const demoImages = [
  {
    key: 'river',
    alt: 'Flood water covering a riverside street',
    caption: 'The River Sell at its highest point.',
    credit: 'Newsroom graphics',
    colour: '#2f6690',
  },
  {
    key: 'parliament',
    alt: 'The parliament building in Calder at dusk',
    caption: 'Parliament sits late for the budget debate.',
    credit: 'FILE',
    colour: '#7a4419',
  },
  {
    key: 'classroom',
    alt: 'Empty desks in a classroom',
    caption: 'Schools closed on the first strike day.',
    credit: 'Newsroom graphics',
    colour: '#4f772d',
  },
  {
    key: 'rail',
    alt: 'A train crossing a harbour viaduct',
    caption: 'The proposed Harbourline viaduct.',
    credit: 'Harbourline Rail',
    colour: '#5c5470',
  },
  {
    key: 'stadium',
    alt: 'Floodlit football stadium',
    caption: 'Calder City’s ground on cup night.',
    credit: 'FILE',
    colour: '#9d0208',
  },
  {
    key: 'festival',
    alt: 'Crowd outside a seaside cinema',
    caption: 'Opening night in Port Alder.',
    credit: 'Newsroom graphics',
    colour: '#e09f3e',
  },
  // File pictures: a section's stories without a picture of their own show its file picture.
  {
    key: 'calder-parliament',
    alt: 'The parliament building in Calder on a clear morning',
    caption: 'Parliament in Calder.',
    credit: 'FILE',
    colour: '#6b4226',
  },
  {
    key: 'market',
    alt: 'Shoppers between the stalls of a covered market',
    caption: 'The covered market in Calder.',
    credit: 'FILE',
    colour: '#3d5a80',
  },
  {
    key: 'northgate',
    alt: 'Northgate high street with the river beyond',
    caption: 'Northgate high street.',
    credit: 'FILE',
    colour: '#577590',
  },
  {
    key: 'theatre',
    alt: 'The lit entrance of a theatre at night',
    caption: 'The Alder Playhouse.',
    credit: 'FILE',
    colour: '#6d597a',
  },
  {
    key: 'pitch',
    alt: 'Players training on a football pitch',
    caption: 'Training at Calder City.',
    credit: 'FILE',
    colour: '#2d6a4f',
  },
]

/** The file picture of each section, for its stories without a picture of their own. */
export const sectionPictures: Record<string, string> = {
  Politics: 'calder-parliament',
  Business: 'market',
  News: 'northgate',
  Culture: 'theatre',
  Sport: 'pitch',
}

const floods = ['Northgate floods', 'Northgate', 'River Sell']
const strike = ['Teachers’ strike', 'Union of Teachers', 'Daniel Osei']
const rail = ['Harbourline Rail', 'Port Alder', 'Transport']
const cup = ['National Cup', 'Calder City FC', 'Marta Solberg']
const festival = ['Tidewater Film Festival', 'Port Alder', 'Film']

export const demoArticles: DemoArticle[] = [
  // The Northgate floods: a running story over three weeks.
  {
    title: 'River Sell bursts its banks as Northgate is evacuated',
    kicker: 'Floods',
    standfirst: 'Hundreds of homes are cleared overnight after two days of rain push the river over its defences.',
    section: 'News',
    tags: [...floods, 'National Weather Office', 'Climate'],
    authors: ['Tomas Ferreira'],
    daysAgo: 24,
    place: 'Northgate',
    image: 'river',
    paragraphs: [
      'Emergency crews went door to door through the lower town after the River Sell rose more than ' +
        'two metres in a single night.',
      'Schools and the riverside market were closed, and a sports hall on the hill was opened for ' +
        'families who had nowhere else to go.',
    ],
    quote: 'We have never seen the water come up this fast.',
    subhead: 'A night of warnings',
    correction: 'An earlier version of this article said the river rose three metres; it rose just over two.',
  },
  {
    title: 'Weather office defends its flood warning for the Sell valley',
    standfirst: 'Forecasters say the alert was issued in time; residents say it never reached them.',
    section: 'News',
    tags: ['National Weather Office', 'Northgate floods', 'River Sell', 'Climate'],
    authors: ['Tomas Ferreira'],
    daysAgo: 22,
    place: 'Calder',
    paragraphs: [
      'The National Weather Office said its highest alert went out six hours before the river peaked.',
      'Residents of Northgate told reporters the first they heard was the sound of sirens in the street.',
    ],
  },
  {
    title: 'Mayor Carvalho asks the capital for emergency flood funds',
    kicker: 'Floods',
    standfirst: 'Northgate’s mayor says the town cannot pay for the clean-up on its own.',
    section: 'Politics',
    tags: ['Ines Carvalho', ...floods, 'Priya Raman', 'Politics'],
    authors: ['Amara Lindqvist'],
    daysAgo: 21,
    place: 'Northgate',
    paragraphs: [
      'Ines Carvalho wrote to the finance minister asking for an emergency grant to repair roads, ' +
        'schools and the water works.',
      'The town council estimates the damage at several times its annual budget.',
    ],
    quote: 'This is not a bill a town of our size can carry.',
  },
  {
    title: 'Volunteers fill sandbags as second flood crest nears Northgate',
    standfirst: 'A new band of rain is expected to lift the river again before the weekend.',
    section: 'News',
    tags: [...floods, 'National Weather Office'],
    authors: ['Tomas Ferreira'],
    daysAgo: 19,
    place: 'Northgate',
    paragraphs: [
      'Hundreds of volunteers queued at the old grain store to fill sandbags for the streets nearest the water.',
      'Forecasters expect the second crest to be lower than the first but warned that the ground is already saturated.',
    ],
  },
  {
    title: 'Finance minister pledges flood relief for the Sell valley',
    standfirst: 'Priya Raman promises a relief fund but gives no figure.',
    section: 'Politics',
    tags: ['Priya Raman', 'Northgate floods', 'Ines Carvalho', 'Politics', 'Economy'],
    authors: ['Amara Lindqvist'],
    daysAgo: 16,
    place: 'Calder',
    paragraphs: [
      'The finance minister told parliament that the government would set up a relief fund for the ' +
        'towns of the Sell valley.',
      'Opposition members asked why no sum had been named two weeks after the water rose.',
    ],
  },
  {
    title: 'What the Northgate floods tell us about the next decade',
    kicker: 'Analysis',
    standfirst: 'Defences built for a once-in-a-century flood have now failed twice in twelve years.',
    section: 'News',
    tags: ['Northgate floods', 'Climate', 'River Sell', 'National Weather Office'],
    authors: ['Tomas Ferreira'],
    daysAgo: 12,
    place: 'Northgate',
    paragraphs: [
      'Engineers say the embankments along the Sell were designed for rainfall records that no longer hold.',
      'Raising them would cost less than a single year of flood damage, according to the weather ' +
        'office’s own estimate.',
    ],
    subhead: 'Defences built for another climate',
    inlineImage: 'river',
    seeAlso: 'River Sell bursts its banks as Northgate is evacuated',
  },
  {
    title: 'Northgate reopens its schools a month after the flood',
    standfirst: 'Pupils return to classrooms dried out and repainted by volunteers.',
    section: 'News',
    tags: ['Northgate', 'Northgate floods', 'Education', 'Ines Carvalho'],
    authors: ['Kofi Mensah'],
    daysAgo: 3,
    place: 'Northgate',
    paragraphs: [
      'Four of the town’s five schools opened their doors again on Monday.',
      'The fifth, nearest the river, will share a building on the hill until the end of the year.',
    ],
  },

  // The teachers' strike.
  {
    title: 'Teachers vote to strike over pay and class sizes',
    kicker: 'Education',
    standfirst: 'The Union of Teachers says four in five members backed action in the ballot.',
    section: 'News',
    tags: [...strike, 'Education'],
    authors: ['Kofi Mensah'],
    daysAgo: 27,
    place: 'Calder',
    image: 'classroom',
    paragraphs: [
      'The union said turnout was the highest in its history.',
      'It wants a pay rise in line with prices and a cap of thirty pupils per class.',
    ],
    quote: 'Our members have been patient for years. Patience has run out.',
  },
  {
    title: 'Education minister calls strike ballot “a mistake”',
    standfirst: 'Daniel Osei says talks were close to a deal before the vote.',
    section: 'Politics',
    tags: ['Daniel Osei', 'Teachers’ strike', 'Education', 'Politics'],
    authors: ['Amara Lindqvist'],
    daysAgo: 25,
    place: 'Calder',
    paragraphs: [
      'The minister told reporters his offer was the best the budget allowed.',
      'The union said no written offer had ever reached its negotiators.',
    ],
  },
  {
    title: 'First strike day closes most schools in the capital',
    standfirst: 'Parents scramble for childcare as picket lines form outside school gates.',
    section: 'News',
    tags: [...strike, 'Calder', 'Education'],
    authors: ['Kofi Mensah'],
    daysAgo: 18,
    place: 'Calder',
    paragraphs: [
      'Nine in ten schools in Calder closed or sent most classes home.',
      'Some head teachers kept doors open for the children of hospital staff.',
    ],
  },
  {
    title: 'Budget squeeze leaves little room for teachers’ pay',
    kicker: 'Analysis',
    standfirst: 'The finance ministry’s numbers explain why the talks keep stalling.',
    section: 'Business',
    tags: ['Priya Raman', 'Daniel Osei', 'Teachers’ strike', 'Economy', 'Education'],
    authors: ['Noor Haddad'],
    daysAgo: 14,
    place: 'Calder',
    paragraphs: [
      'Every point of pay rise for teachers costs about as much as a year of road repairs.',
      'The flood relief fund has added a new claim on the same money.',
    ],
  },
  {
    title: 'Talks resume between teachers and the education ministry',
    standfirst: 'Both sides agree to an independent chair after a second strike week.',
    section: 'Politics',
    tags: [...strike, 'Politics'],
    authors: ['Amara Lindqvist'],
    daysAgo: 9,
    place: 'Calder',
    paragraphs: [
      'The talks will be chaired by a retired judge.',
      'Strikes planned for next week have been suspended while the talks go on.',
    ],
  },
  {
    title: 'Teachers accept deal that caps class sizes',
    standfirst: 'A phased pay rise and a limit of thirty pupils end a month of disruption.',
    section: 'News',
    tags: [...strike, 'Education', 'Priya Raman'],
    authors: ['Kofi Mensah'],
    daysAgo: 2,
    place: 'Calder',
    paragraphs: [
      'Members voted by a wide margin to accept the offer.',
      'The finance ministry said the cost would be met without new borrowing.',
    ],
    quote: 'It is not everything we asked for, but it is a real change in the classroom.',
    seeAlso: 'Teachers vote to strike over pay and class sizes',
  },

  // Harbourline Rail.
  {
    title: 'Harbourline Rail unveils plans for a viaduct across Port Alder harbour',
    kicker: 'Transport',
    standfirst: 'The line would cut the journey from the capital to the coast to forty minutes.',
    section: 'Business',
    tags: [...rail, 'Calder'],
    authors: ['Noor Haddad'],
    daysAgo: 40,
    place: 'Port Alder',
    image: 'rail',
    paragraphs: [
      'The company showed drawings of a twelve-span viaduct crossing the mouth of the harbour.',
      'Construction would start in two years if the government guarantees part of the loan.',
    ],
  },
  {
    title: 'Port Alder fishermen fear harbour viaduct will block their boats',
    standfirst: 'The fishing cooperative wants the spans raised or moved.',
    section: 'News',
    tags: ['Harbourline Rail', 'Port Alder'],
    authors: ['Noor Haddad'],
    daysAgo: 33,
    place: 'Port Alder',
    paragraphs: [
      'The cooperative says the lowest spans would stop larger trawlers reaching the inner quay.',
      'Harbourline Rail said it would publish a revised design within weeks.',
    ],
  },
  {
    title: 'Government weighs a loan guarantee for Harbourline',
    standfirst: 'Priya Raman says the rail line must not become a burden on the budget.',
    section: 'Politics',
    tags: ['Priya Raman', 'Harbourline Rail', 'Transport', 'Economy', 'Politics'],
    authors: ['Amara Lindqvist'],
    daysAgo: 20,
    place: 'Calder',
    paragraphs: [
      'The finance minister said any guarantee would come with conditions on cost and timing.',
      'Business groups in Port Alder have urged the government to back the project.',
    ],
  },
  {
    title: 'Harbourline raises viaduct spans after fishermen’s protest',
    standfirst: 'The revised design adds four metres of clearance at the harbour mouth.',
    section: 'Business',
    tags: [...rail],
    authors: ['Noor Haddad'],
    daysAgo: 11,
    place: 'Port Alder',
    paragraphs: [
      'The change adds about a tenth to the cost of the viaduct.',
      'The fishing cooperative said it would study the drawings before giving its view.',
    ],
  },
  {
    title: 'Northgate mayor backs an inland branch of the Harbourline route',
    standfirst: 'Ines Carvalho says a rail link would help the flood-hit town recover.',
    section: 'Politics',
    tags: ['Ines Carvalho', 'Harbourline Rail', 'Northgate', 'Transport'],
    authors: ['Amara Lindqvist'],
    daysAgo: 6,
    place: 'Northgate',
    paragraphs: [
      'The mayor wants a branch line running up the Sell valley.',
      'Harbourline Rail said a branch was not part of its current plans.',
    ],
  },

  // The National Cup.
  {
    title: 'Calder City reach the National Cup semi-final',
    kicker: 'National Cup',
    standfirst: 'A late header sends Marta Solberg’s side through after a tense night.',
    section: 'Sport',
    tags: [...cup, 'Football'],
    authors: ['Rui Takahashi'],
    daysAgo: 23,
    place: 'Calder',
    image: 'stadium',
    paragraphs: [
      'The winner came three minutes from time, from a corner the home side had fought to win.',
      'City have not reached the last four since the club’s return to the top division.',
    ],
  },
  {
    title: 'Solberg: “We play the semi-final for Northgate”',
    standfirst: 'The City coach says her players will wear black armbands for the flood-hit town.',
    section: 'Sport',
    tags: ['Marta Solberg', 'Calder City FC', 'National Cup', 'Northgate floods'],
    authors: ['Rui Takahashi'],
    daysAgo: 17,
    place: 'Calder',
    paragraphs: [
      'Three of the squad grew up in Northgate and two have family who lost their homes.',
      'The club will give its share of the gate receipts to the relief appeal.',
    ],
  },
  {
    title: 'Calder City beat Port Alder United to reach the Cup final',
    standfirst: 'Two goals in four minutes settle a semi-final played in heavy rain.',
    section: 'Sport',
    tags: [...cup, 'Port Alder', 'Football'],
    authors: ['Rui Takahashi'],
    daysAgo: 15,
    place: 'Calder',
    paragraphs: [
      'United had the better of the first half but faded after the break.',
      'City will meet the holders in the final next month.',
    ],
  },
  {
    title: 'Cup final tickets sell out in an hour',
    standfirst: 'Supporters queue overnight as the club asks for patience with the ticket site.',
    section: 'Sport',
    tags: ['National Cup', 'Calder City FC', 'Football'],
    authors: ['Rui Takahashi'],
    daysAgo: 8,
    place: 'Calder',
    paragraphs: [
      'The club said demand was five times the allocation.',
      'A screen will be put up in the city square for those without tickets.',
    ],
  },
  {
    title: 'How Marta Solberg rebuilt Calder City',
    kicker: 'Profile',
    standfirst: 'Three seasons, a new academy and a team that presses from the front.',
    section: 'Sport',
    tags: ['Marta Solberg', 'Calder City FC', 'Football'],
    authors: ['Rui Takahashi'],
    daysAgo: 5,
    place: 'Calder',
    paragraphs: [
      'Solberg arrived with the club bottom of the table and a squad of loan players.',
      'Half of the side that will start the final came through the academy she built.',
    ],
    subhead: 'The academy years',
  },

  // The Tidewater Film Festival.
  {
    title: 'Tidewater Film Festival opens with Jonas Abara’s river drama',
    kicker: 'Festival',
    standfirst: 'The director’s new film, shot in the Sell valley, opens ten days of screenings in Port Alder.',
    section: 'Culture',
    tags: [...festival, 'Jonas Abara'],
    authors: ['Elena Moreau'],
    daysAgo: 13,
    place: 'Port Alder',
    image: 'festival',
    paragraphs: [
      'The film follows three generations of a family who run a ferry across the Sell.',
      'It was finished a year before this spring’s floods, which gives its final scenes an unplanned weight.',
    ],
  },
  {
    title: 'Jonas Abara on filming the Sell before the flood',
    kicker: 'Interview',
    standfirst: 'The director talks about the river, the town and the scenes he could not reshoot.',
    section: 'Culture',
    tags: ['Jonas Abara', 'Tidewater Film Festival', 'Film', 'River Sell', 'Northgate'],
    authors: ['Elena Moreau'],
    daysAgo: 10,
    place: 'Port Alder',
    paragraphs: [
      'Abara spent two summers in Northgate while writing the script.',
      'Several of the houses seen in the film were flooded in the spring.',
    ],
    quote: 'The river was always the main character. Now everyone knows it.',
  },
  {
    title: 'Tidewater festival adds screenings as ticket demand soars',
    standfirst: 'Organisers open a second venue on the harbour front.',
    section: 'Culture',
    tags: [...festival],
    authors: ['Elena Moreau'],
    daysAgo: 9,
    place: 'Port Alder',
    paragraphs: [
      'The old customs house will show films until midnight for the rest of the week.',
      'Hotels in Port Alder say they are fully booked for the closing weekend.',
    ],
  },
  {
    title: 'Abara’s river drama wins the Tidewater audience prize',
    standfirst: 'The festival closes with a standing ovation for a film about a ferry family.',
    section: 'Culture',
    tags: ['Tidewater Film Festival', 'Jonas Abara', 'Film'],
    authors: ['Elena Moreau'],
    daysAgo: 4,
    place: 'Port Alder',
    paragraphs: [
      'The prize is voted for by everyone who bought a ticket.',
      'Abara dedicated the award to the people of Northgate.',
    ],
  },
  {
    title: 'Five films to watch from this year’s Tidewater programme',
    kicker: 'Culture guide',
    standfirst: 'From a silent comedy to a documentary about lighthouse keepers.',
    section: 'Culture',
    tags: ['Tidewater Film Festival', 'Film'],
    authors: ['Elena Moreau'],
    daysAgo: 1,
    place: 'Port Alder',
    paragraphs: [
      'Our critic picks the films most likely to reach cinemas this year.',
      'Two of them will be shown free in the Port Alder library next month.',
    ],
  },

  // The budget and the economy.
  {
    title: 'Priya Raman warns of a tight budget year',
    kicker: 'Budget',
    standfirst: 'The finance minister says flood relief and public pay will test the spending plans.',
    section: 'Politics',
    tags: ['Priya Raman', 'Economy', 'Politics'],
    authors: ['Amara Lindqvist'],
    daysAgo: 30,
    place: 'Calder',
    image: 'parliament',
    paragraphs: [
      'Raman told a business audience that revenue had grown more slowly than forecast.',
      'She ruled out raising income tax before the next election.',
    ],
  },
  {
    title: 'Inflation eases for a third month',
    standfirst: 'Lower fuel prices offset the rising cost of food.',
    section: 'Business',
    tags: ['Economy'],
    authors: ['Noor Haddad'],
    daysAgo: 26,
    place: 'Calder',
    paragraphs: [
      'Prices rose by just under three per cent over the year to last month.',
      'Economists expect food prices to rise again after the floods damaged farmland in the north.',
    ],
  },
  {
    title: 'Flood damage to northern farms pushes up vegetable prices',
    standfirst: 'Growers in the Sell valley lost most of their spring planting.',
    section: 'Business',
    tags: ['Northgate floods', 'Economy', 'River Sell'],
    authors: ['Noor Haddad'],
    daysAgo: 12,
    place: 'Northgate',
    paragraphs: [
      'Supermarkets say the price of potatoes and onions has risen by a quarter since the water rose.',
      'Importers are bringing in produce from abroad to fill the gap.',
    ],
  },
  {
    title: 'Budget debate: Raman sets aside money for flood defences',
    kicker: 'Budget',
    standfirst: 'The finance minister finds funds for the Sell valley and the teachers’ deal.',
    section: 'Politics',
    tags: ['Priya Raman', 'Northgate floods', 'Teachers’ strike', 'Economy', 'Politics'],
    authors: ['Amara Lindqvist'],
    daysAgo: 1,
    place: 'Calder',
    paragraphs: [
      'The budget includes a ten-year programme to rebuild the river defences.',
      'Opposition members said the money came from cuts to road maintenance.',
    ],
  },
  {
    title: 'Small businesses in Northgate count the cost of closure',
    standfirst: 'Shops on the river front have been shut for a month.',
    section: 'Business',
    tags: ['Northgate', 'Northgate floods', 'Economy'],
    authors: ['Noor Haddad'],
    daysAgo: 7,
    place: 'Northgate',
    paragraphs: [
      'Many of the shops had no flood insurance after premiums rose following the last flood.',
      'The town council has offered a rent holiday on the buildings it owns.',
    ],
  },

  // Health and standalone stories.
  {
    title: 'Hospital waiting lists grow as winter illness peaks early',
    standfirst: 'Emergency departments report their busiest week of the year.',
    section: 'News',
    tags: ['Health', 'Calder'],
    authors: ['Kofi Mensah'],
    daysAgo: 29,
    place: 'Calder',
    paragraphs: [
      'Hospitals in the capital asked patients to use pharmacies for minor illnesses.',
      'Health officials said the early peak was linked to a new strain of flu.',
    ],
  },
  {
    title: 'Flood water raises fears of illness in Northgate',
    standfirst: 'Health officials urge residents to boil tap water until tests are complete.',
    section: 'News',
    tags: ['Health', 'Northgate floods', 'Northgate'],
    authors: ['Tomas Ferreira'],
    daysAgo: 20,
    place: 'Northgate',
    paragraphs: [
      'The water works on the river were flooded for two days.',
      'Bottled water is being handed out at the town hall.',
    ],
  },
  {
    title: 'Nurses in the north win extra pay for rural posts',
    standfirst: 'The health service hopes the allowance will fill empty posts in small towns.',
    section: 'News',
    tags: ['Health', 'Economy'],
    authors: ['Kofi Mensah'],
    daysAgo: 15,
    place: 'Calder',
    paragraphs: [
      'The allowance applies to towns more than an hour from a large hospital.',
      'Northgate and the Sell valley are among the first places covered.',
    ],
  },
  {
    title: 'New coastal path opens between Port Alder and the lighthouse',
    standfirst: 'The twelve-kilometre route took volunteers four years to clear.',
    section: 'News',
    tags: ['Port Alder'],
    authors: ['Elena Moreau'],
    daysAgo: 35,
    place: 'Port Alder',
    paragraphs: [
      'The path follows the cliffs above the harbour and ends at the old lighthouse.',
      'Signs along the way tell the history of the town’s fishing fleet.',
    ],
  },
  {
    title: 'Calder’s central library reopens after a two-year restoration',
    standfirst: 'The reading room gets its painted ceiling back.',
    section: 'Culture',
    tags: ['Calder'],
    authors: ['Elena Moreau'],
    daysAgo: 38,
    place: 'Calder',
    paragraphs: [
      'Restorers removed six layers of paint to reach the original ceiling.',
      'The library will stay open until ten at night on weekdays.',
    ],
  },
  {
    title: 'Cyclists and drivers split over Calder’s new bus lanes',
    standfirst: 'The city says journey times have fallen; shopkeepers say customers have gone.',
    section: 'News',
    tags: ['Calder', 'Transport', 'Politics'],
    authors: ['Noor Haddad'],
    daysAgo: 31,
    place: 'Calder',
    paragraphs: [
      'Buses on the busiest route are six minutes faster at peak times.',
      'Traders on the high street have started a petition against the lanes.',
    ],
  },
  {
    title: 'Port Alder United appoint a new manager',
    standfirst: 'The club turns to its youth coach after a poor run.',
    section: 'Sport',
    tags: ['Port Alder', 'Football'],
    authors: ['Rui Takahashi'],
    daysAgo: 2,
    place: 'Port Alder',
    paragraphs: [
      'The new manager has coached the under-21 side for five years.',
      'United sit fourth from bottom of the table.',
    ],
  },

  // Work in progress: never public.
  {
    title: 'Cup final preview: City against the holders',
    kicker: 'National Cup',
    standfirst: 'Everything you need to know before Saturday’s final.',
    section: 'Sport',
    tags: [...cup, 'Football'],
    authors: ['Rui Takahashi'],
    daysAgo: 0,
    place: 'Calder',
    status: 'draft',
    paragraphs: ['Draft: team news to follow after the final training session.'],
  },
  {
    title: 'Inside the flood relief fund: who gets what',
    kicker: 'Floods',
    standfirst: 'How the money will be shared between the towns of the Sell valley.',
    section: 'Politics',
    tags: ['Northgate floods', 'Priya Raman', 'Ines Carvalho'],
    authors: ['Amara Lindqvist'],
    daysAgo: 0,
    place: 'Calder',
    status: 'draft',
    paragraphs: ['Draft: awaiting the ministry’s final figures.'],
  },
  {
    title: 'Harbourline decision due as cabinet meets',
    standfirst: 'Ministers will decide on the loan guarantee this week.',
    section: 'Business',
    tags: [...rail, 'Priya Raman'],
    authors: ['Noor Haddad'],
    daysAgo: -2,
    place: 'Calder',
    status: 'scheduled',
    paragraphs: ['Embargoed until the cabinet meeting ends.'],
  },
]

export type DemoComment = {
  article: string
  authorName: string
  authorEmail: string
  body: string
  status: 'pending' | 'approved' | 'spam'
  /** The index, in this list, of the comment it answers. */
  replyTo?: number
  /** A reader's report on it, as the report endpoint would record it. */
  reported?: 'spam' | 'abuse' | 'off-topic' | 'other'
}

/** Reader comments: a few threads, a queue for the moderators (pending, reported) and one caught as spam. */
export const demoComments: DemoComment[] = [
  {
    article: 'River Sell bursts its banks as Northgate is evacuated',
    authorName: 'Hanna Vik',
    authorEmail: 'hanna.vik@example.com',
    status: 'approved',
    body: 'Our street was cleared at two in the morning. The volunteers at the school hall were wonderful.',
  },
  {
    article: 'River Sell bursts its banks as Northgate is evacuated',
    authorName: 'Tom Oduya',
    authorEmail: 'tom.oduya@example.com',
    status: 'approved',
    replyTo: 0,
    body: 'Same on Mill Lane. Thank you to everyone who helped carry the older neighbours out.',
  },
  {
    article: 'River Sell bursts its banks as Northgate is evacuated',
    authorName: 'Best Deals',
    authorEmail: 'deals@example.com',
    status: 'spam',
    body: 'Cheap flood insurance, today only, click the link in my profile!!!',
  },
  {
    article: 'Budget debate: Raman sets aside money for flood defences',
    authorName: 'Maya Lind',
    authorEmail: 'maya.lind@example.com',
    status: 'approved',
    body: 'A clear account of a complicated budget, thank you.',
  },
  {
    article: 'Budget debate: Raman sets aside money for flood defences',
    authorName: 'Otto Brenner',
    authorEmail: 'otto.brenner@example.com',
    status: 'pending',
    body: 'How much of this goes to Northgate, and how much to the towns downstream?',
  },
  {
    article: 'Budget debate: Raman sets aside money for flood defences',
    authorName: 'Ruth Adeyemi',
    authorEmail: 'ruth.adeyemi@example.com',
    status: 'pending',
    body: 'Flood defences should have come first years ago. Good to see the money at last.',
  },
  {
    article: 'Teachers accept deal that caps class sizes',
    authorName: 'Pia Sorensen',
    authorEmail: 'pia.sorensen@example.com',
    status: 'approved',
    body: 'Thirty is still a lot for a primary class, but it is a start.',
  },
  {
    article: 'Teachers accept deal that caps class sizes',
    authorName: 'G. Hardy',
    authorEmail: 'g.hardy@example.com',
    status: 'approved',
    reported: 'abuse',
    body:
      'Typical. Everyone gets a rise except the people who pay for it, and the union bosses laugh all ' +
      'the way home.',
  },
  {
    article: 'Teachers accept deal that caps class sizes',
    authorName: 'Lena Park',
    authorEmail: 'lena.park@example.com',
    status: 'pending',
    body: 'The full agreement is worth reading: https://example.org/deal and the annex at https://example.org/annex',
  },
]
