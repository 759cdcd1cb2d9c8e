"""Static pools for the demo data set: places, schools, employers, jobs and the team."""

from __future__ import annotations

#: The export-compliance team: user names that own applications and record events.
TEAM: tuple[str, ...] = ("mchen", "aokafor", "jlindqvist", "spatel", "rgarcia")

#: Birth cities by country (ISO 3166-1 alpha-2).
BIRTH_CITIES: dict[str, tuple[str, ...]] = {
    "CN": ("Beijing", "Shanghai", "Chengdu", "Wuhan", "Hangzhou", "Xi'an", "Nanjing", "Harbin"),
    "TW": ("Taipei", "Hsinchu", "Taichung"),
    "SG": ("Singapore",),
    "MY": ("Kuala Lumpur", "Penang", "Johor Bahru"),
    "IN": ("Jaipur", "Mumbai", "Pune", "Lucknow", "Bengaluru", "Hyderabad", "Kanpur", "Indore"),
    "NP": ("Kathmandu", "Pokhara"),
    "RU": ("Moscow", "Saint Petersburg", "Novosibirsk", "Kazan", "Yekaterinburg", "Rostov-on-Don"),
    "UA": ("Kyiv", "Kharkiv", "Lviv", "Dnipro"),
    "BY": ("Minsk", "Gomel"),
    "KZ": ("Almaty", "Astana"),
    "SA": ("Riyadh", "Jeddah", "Dammam"),
    "EG": ("Cairo", "Alexandria", "Giza"),
    "JO": ("Amman", "Irbid"),
    "AE": ("Dubai", "Abu Dhabi", "Sharjah"),
    "LB": ("Beirut", "Tripoli"),
    "MA": ("Casablanca", "Rabat"),
    "KW": ("Kuwait City",),
    "SY": ("Aleppo", "Damascus"),
    "IR": ("Tehran", "Isfahan", "Shiraz"),
    "ES": ("Sevilla", "Madrid", "Valencia", "Bilbao"),
    "MX": ("Monterrey", "Guadalajara", "Ciudad de México", "Puebla"),
    "CO": ("Bogotá", "Medellín"),
    "AR": ("Buenos Aires", "Córdoba"),
    "PL": ("Kraków", "Warszawa", "Gdańsk", "Łódź"),
    "TR": ("İstanbul", "Ankara", "İzmir"),
    "DE": ("München", "Köln", "Stuttgart", "Dresden"),
    "AT": ("Wien", "Graz"),
    "CH": ("Zürich", "Genève"),
    "FR": ("Lyon", "Paris", "Toulouse", "Grenoble"),
    "BE": ("Liège", "Bruxelles"),
    "BR": ("São Paulo", "Belo Horizonte", "Porto Alegre", "Recife"),
    "PT": ("Lisboa", "Porto"),
    "RO": ("București", "Cluj-Napoca", "Timișoara"),
    "SE": ("Göteborg", "Stockholm", "Linköping"),
    "VN": ("Hà Nội", "Hồ Chí Minh City", "Đà Nẵng"),
    "CA": ("Toronto", "Montréal", "Vancouver", "Waterloo", "Calgary"),
    "AU": ("Sydney", "Melbourne", "Brisbane", "Perth"),
    "GB": ("Manchester", "Leeds", "Bristol", "Glasgow"),
    "IE": ("Dublin", "Cork"),
    "NZ": ("Auckland", "Wellington"),
    "GR": ("Athens", "Thessaloniki"),
    "CZ": ("Brno", "Praha"),
    "IL": ("Haifa", "Tel Aviv"),
}

#: Universities by country: (name, city).
UNIVERSITIES: dict[str, tuple[tuple[str, str], ...]] = {
    "CN": (("Tsinghua University", "Beijing, China"), ("Peking University", "Beijing, China"),
           ("Zhejiang University", "Hangzhou, China"),
           ("Shanghai Jiao Tong University", "Shanghai, China"),
           ("University of Science and Technology of China", "Hefei, China")),
    "IN": (("Indian Institute of Technology Bombay", "Mumbai, India"),
           ("Indian Institute of Technology Delhi", "New Delhi, India"),
           ("Indian Institute of Technology Madras", "Chennai, India"),
           ("Indian Institute of Science", "Bengaluru, India"),
           ("Birla Institute of Technology and Science", "Pilani, India")),
    "RU": (("Moscow Institute of Physics and Technology", "Dolgoprudny, Russia"),
           ("Lomonosov Moscow State University", "Moscow, Russia"),
           ("ITMO University", "Saint Petersburg, Russia"),
           ("Novosibirsk State University", "Novosibirsk, Russia")),
    "ARAB": (("King Fahd University of Petroleum and Minerals", "Dhahran, Saudi Arabia"),
             ("American University of Beirut", "Beirut, Lebanon"),
             ("Cairo University", "Giza, Egypt"),
             ("University of Jordan", "Amman, Jordan")),
    "EU": (("Technische Universität München", "München, Germany"),
           ("Universidad Politécnica de Madrid", "Madrid, Spain"),
           ("Politechnika Warszawska", "Warszawa, Poland"),
           ("École Polytechnique", "Palaiseau, France"),
           ("KTH Royal Institute of Technology", "Stockholm, Sweden"),
           ("Middle East Technical University", "Ankara, Türkiye"),
           ("Universidade de São Paulo", "São Paulo, Brazil"),
           ("Universitatea Politehnica din București", "București, Romania")),
    "ASIA": (("National University of Singapore", "Singapore"),
             ("Hanoi University of Science and Technology", "Hà Nội, Vietnam"),
             ("National Taiwan University", "Taipei, Taiwan")),
    "ANGLO": (("University of Waterloo", "Waterloo, ON, Canada"),
              ("University of Toronto", "Toronto, ON, Canada"),
              ("University of Melbourne", "Melbourne, Australia"),
              ("Imperial College London", "London, United Kingdom"),
              ("Trinity College Dublin", "Dublin, Ireland")),
    "US": (("Stanford University", "Stanford, CA"),
           ("Carnegie Mellon University", "Pittsburgh, PA"),
           ("Massachusetts Institute of Technology", "Cambridge, MA"),
           ("University of California, Berkeley", "Berkeley, CA"),
           ("Georgia Institute of Technology", "Atlanta, GA"),
           ("University of Illinois Urbana-Champaign", "Urbana, IL"),
           ("University of Michigan", "Ann Arbor, MI"),
           ("The University of Texas at Austin", "Austin, TX"),
           ("Purdue University", "West Lafayette, IN")),
    "UK": (("University of Cambridge", "Cambridge, United Kingdom"),
           ("University of Manchester", "Manchester, United Kingdom"),
           ("University of Bristol", "Bristol, United Kingdom"),
           ("University of Southampton", "Southampton, United Kingdom")),
}

#: Which university pool serves the home country of a name style.
UNIVERSITY_REGION: dict[str, str] = {
    "chinese": "CN", "indian": "IN", "cyrillic": "RU", "arabic": "ARAB", "vietnamese": "ASIA",
    "anglo": "ANGLO",
}

#: Earlier employers (fictional) by region: (name, location).
PRIOR_EMPLOYERS: dict[str, tuple[tuple[str, str], ...]] = {
    "CN": (("Hangzhou Lattice Software Co., Ltd.", "Hangzhou, China"),
           ("Shenzhen Brightpath Electronics Co., Ltd.", "Shenzhen, China")),
    "IN": (("Quantic Systems Pvt. Ltd.", "Bengaluru, India"),
           ("Tarang Semiconductor Design Pvt. Ltd.", "Hyderabad, India")),
    "RU": (("Severnaya Data LLC", "Saint Petersburg, Russia"),
           ("Volga Signal Systems JSC", "Kazan, Russia")),
    "ARAB": (("Gulf Digital Solutions", "Dubai, United Arab Emirates"),
             ("Nile Embedded Systems S.A.E.", "Cairo, Egypt")),
    "EU": (("Helix Analytik GmbH", "München, Germany"),
           ("Sistemas Cárdenas S.L.", "Madrid, Spain"),
           ("Optique Lumière SAS", "Grenoble, France")),
    "ASIA": (("Lion City Robotics Pte. Ltd.", "Singapore"),
             ("Sông Hồng Software JSC", "Hà Nội, Vietnam")),
    "ANGLO": (("Maple Circuit Labs Inc.", "Toronto, ON, Canada"),
              ("Southern Cross Data Pty Ltd", "Sydney, Australia")),
    "US": (("Bayshore Robotics, Inc.", "San Jose, CA"),
           ("Keystone Data Systems LLC", "Pittsburgh, PA"),
           ("Pinecrest Analytics, Inc.", "Seattle, WA"),
           ("Lone Star Photonics Corp.", "Austin, TX")),
    "UK": (("Severn Signal Systems Ltd", "Bristol, United Kingdom"),
           ("Pennine Electronics plc", "Leeds, United Kingdom")),
}

DEGREES: dict[str, tuple[str, ...]] = {
    "ai": ("Computer Science", "Statistics", "Applied Mathematics", "Electrical Engineering"),
    "semi": ("Electrical Engineering", "Materials Science", "Physics", "Chemical Engineering"),
    "aero": ("Aerospace Engineering", "Mechanical Engineering", "Electrical Engineering"),
    "uk": ("Electronic Engineering", "Physics", "Aerospace Engineering"),
}

#: Jobs by organization key: (title, duties).
JOBS: dict[str, tuple[tuple[str, str], ...]] = {
    "ai": (
        ("Member of Technical Staff, Pretraining",
         "Designs and runs large-scale pretraining experiments for the Mythos model family; "
         "tunes data mixtures and optimizer schedules on the training cluster."),
        ("Research Scientist, Alignment",
         "Develops reward models and evaluation suites for frontier models; analyzes model "
         "behaviour on red-team prompts."),
        ("Software Engineer, Inference",
         "Builds the serving stack for Mythos 5 and Fable 5: batching, quantization and "
         "kernel optimization for accelerator clusters."),
        ("Machine Learning Engineer, Evaluations",
         "Maintains automated capability and safety evaluations run before each model release."),
        ("Research Engineer, Interpretability",
         "Builds tooling to inspect model activations and weights for the interpretability team."),
    ),
    "semi": (
        ("Process Integration Engineer",
         "Integrates GaN-on-SiC HEMT process modules; owns yield improvement on the 150 mm line."),
        ("Device Physicist",
         "Models and characterizes high-electron-mobility transistors for RF power amplifiers."),
        ("Senior Software Engineer, Computational Lithography",
         "Develops optical proximity correction and mask-synthesis software."),
        ("Hardware Security Engineer",
         "Designs the secure enclave's cryptographic cores and verifies their side-channel "
         "resistance."),
    ),
    "aero": (
        ("RF Systems Engineer",
         "Designs transmit/receive modules for active electronically scanned array radars."),
        ("Thermal Analyst, Hot Section",
         "Analyzes cooling of single-crystal turbine blades and vanes in the hot section."),
        ("Radar Signal Processing Engineer",
         "Develops detection and tracking algorithms for airborne radar programs."),
        ("Systems Test Engineer",
         "Plans and runs qualification tests of radar line-replaceable units."),
    ),
    "uk": (
        ("Senior Radar Software Engineer",
         "Develops signal-processing software for naval radar programmes."),
        ("Electronics Design Engineer",
         "Designs receiver front ends and digital beamforming boards."),
        ("Systems Engineer",
         "Owns interface control documents and integration testing with the UK MOD customer."),
    ),
}

#: Supervisors (U.S. persons or British nationals) by organization key.
SUPERVISORS: dict[str, tuple[str, ...]] = {
    "ai": ("Dana Whitfield, Head of Pretraining", "Marcus Lee, Director of Research",
           "Elena Brooks, Engineering Manager, Inference", "Tom Alvarez, Alignment Lead"),
    "semi": ("Karen Osei, Director of Process Engineering", "Brian Nakamura, Device Group Lead",
             "Laura Finch, Software Engineering Manager"),
    "aero": ("Gregory Hale, Chief Engineer, Radar Systems", "Patricia Moss, Propulsion Lead",
             "Steven Park, Test Director"),
    "uk": ("Alistair Graham, Head of Radar Software", "Fiona McLeod, Engineering Manager"),
}

VAGUE_DUTIES: tuple[str, ...] = (
    "Various engineering tasks, including but not limited to design, testing and support.",
    "Worked on several projects for clients, etc.",
    "Miscellaneous consulting and other duties as assigned.",
)


__all__ = [
    "BIRTH_CITIES",
    "DEGREES",
    "JOBS",
    "PRIOR_EMPLOYERS",
    "SUPERVISORS",
    "TEAM",
    "UNIVERSITIES",
    "UNIVERSITY_REGION",
    "VAGUE_DUTIES",
]
