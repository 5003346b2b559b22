<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1">
<context>
    <name>CustomerSegmentation</name>
    <message>
        <location filename="../build/i18n/strings.py" line="7" />
        <source>Count records per area</source>
        <translation>Cyfrif cofnodion fesul ardal</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="9" />
        <source>Records (table or point layer)</source>
        <translation>Cofnodion (tabl neu haen pwyntiau)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="10" />
        <source>The records: a table with an area code field, or a point layer.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="11" />
        <source>The records' area code field (e.g. oa21). Empty with a point layer: each point is placed in the area polygon that contains it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="12" />
        <source>The areas to count in (polygons, or a table when the records carry area codes).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="13" />
        <source>The areas' code field, with the same codes as the records' area field.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="18" />
        <source>Optional field of the areas (e.g. population) to divide by: rate = sum (or count) / base × PER.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="19" />
        <source>The rate is per this many base units (1,000 people by default).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="22" />
        <source>Areas with counts</source>
        <translation>Ardaloedd gyda chyfrifon</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="23" />
        <source>The areas (geometry kept) with the count, sum, rate and suppressed fields.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="26" />
        <source>Records' area code field</source>
        <translation>Maes cod ardal y cofnodion</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="27" />
        <source>Areas</source>
        <translation>Ardaloedd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="28" />
        <source>Area code field</source>
        <translation>Maes cod yr ardal</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="33" />
        <source>Base field (rate)</source>
        <translation>Maes sylfaen (cyfradd)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="34" />
        <source>Rate per</source>
        <translation>Cyfradd fesul</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="35" />
        <source>Field name prefix</source>
        <translation>Rhagddodiad enw maes</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="36" />
        <source>Minimum count shown</source>
        <translation>Isafswm y cyfrif a ddangosir</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="44" />
        <source>Apply a saved classification</source>
        <translation>Cymhwyso dosbarthiad wedi'i gadw</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="46" />
        <source>The new or updated areas, with the model's variables.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="168" />
        <source>Classified areas</source>
        <translation>Ardaloedd wedi'u dosbarthu</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="52" />
        <source>Model file</source>
        <translation>Ffeil model</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="53" />
        <source>Cluster field name</source>
        <translation>Enw maes y clwstwr</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="59" />
        <source>Know your area (local against reference)</source>
        <translation>Adnabod eich ardal (lleol o'i gymharu â chyfeirnod)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="63" />
        <source>Local areas</source>
        <translation>Ardaloedd lleol</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="64" />
        <source>The areas making up the local area (a layer, a selection or a table).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="65" />
        <source>Reference areas</source>
        <translation>Ardaloedd cyfeirio</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="66" />
        <source>The areas to compare with (e.g. every area of the borough), with the same fields.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="67" />
        <source>The numeric fields (percentages, rates) to compare.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="70" />
        <source>Area profile</source>
        <translation>Proffil ardal</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="72" />
        <source>HTML report with a chart of the indices and the table.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="77" />
        <source>Fields</source>
        <translation>Meysydd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="31" />
        <source>Weight field</source>
        <translation>Maes pwysoli</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="78" />
        <source>Area profile report</source>
        <translation>Adroddiad proffil ardal</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="79" />
        <source>Know your area</source>
        <translation>Adnabod eich ardal</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="119" />
        <source>Build a classification</source>
        <translation>Adeiladu dosbarthiad</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="120" />
        <source>The field holding each area's code (e.g. OA11CD). It must be unique and is left out of the analysis. When empty, the first text field named like a code is used.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="122" />
        <source>Seed of every random step. The same input and seed always give the same clusters.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="126" />
        <source>Area id field</source>
        <translation>Maes cod yr ardal</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="127" />
        <source>Variables</source>
        <translation>Newidynnau</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="128" />
        <source>Number of k-means runs</source>
        <translation>Nifer y rhediadau k-cymedr</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="129" />
        <source>Random seed</source>
        <translation>Hedyn hap</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="131" />
        <source>Cancelled: no output was written.</source>
        <translation>Wedi'i ganslo: ni ysgrifennwyd allbwn.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="133" />
        <source>Parameters</source>
        <translation>Paramedrau</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="146" />
        <source>Compare numbers of clusters (k)</source>
        <translation>Cymharu nifer y clystyrau (k)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="148" />
        <source>First number of clusters to try.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="149" />
        <source>Last number of clusters to try.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="150" />
        <source>Scores per k</source>
        <translation>Sgoriau fesul k</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="151" />
        <source>A table with one row per k.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="152" />
        <source>HTML report with the elbow and score charts and the clustergram.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="153" />
        <source>Smallest k</source>
        <translation>k lleiaf</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="154" />
        <source>Largest k</source>
        <translation>k mwyaf</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="155" />
        <source>Comparison report</source>
        <translation>Adroddiad cymharu</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="157" />
        <source>How many clusters?</source>
        <translation>Sawl clwstwr?</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="160" />
        <source>Clustergram</source>
        <translation>Clwstergram</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="166" />
        <source>Cluster composition of wards or polygons</source>
        <translation>Cyfansoddiad clystyrau wardiau neu bolygonau</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="169" />
        <source>The classified Output Areas (a layer; a table is enough with GROUP_FIELD).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="170" />
        <source>The areas' cluster field.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="90" />
        <source>A field of the areas naming their group (ward, LSOA, MSOA code or name). Leave empty when giving group polygons.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="171" />
        <source>Instead of a group field: polygons (wards, catchments …); each area goes to the polygon containing its point on surface.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="172" />
        <source>The polygons' name or code field, used in the log; every polygon field is kept in the output anyway.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="173" />
        <source>Optional count per area to add up (population, households, customers). Empty: shares of the number of areas.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="176" />
        <source>Composition</source>
        <translation>Cyfansoddiad</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="109" />
        <source>Cluster field</source>
        <translation>Maes y clwstwr</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="106" />
        <source>Group field</source>
        <translation>Maes grŵp</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="107" />
        <source>Group polygons</source>
        <translation>Polygonau grŵp</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="108" />
        <source>Group name field</source>
        <translation>Maes enw grŵp</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="178" />
        <source>Minimum total shown</source>
        <translation>Isafswm cyfanswm a ddangosir</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="192" />
        <source>Correlation analysis</source>
        <translation>Dadansoddiad cydberthynas</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="193" />
        <source>Pearson or Spearman correlation matrix of the chosen variables, and the pairs whose absolute correlation (by either method) reaches the threshold, with a heat-map in an HTML report. Where two variables are strongly correlated they measure much the same thing: keep the one that is easier to explain (fewest variables, most information).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="194" />
        <source>0 Pearson (linear); 1 Spearman (rank, robust to skew and outliers).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="195" />
        <source>Pairs whose absolute Pearson or Spearman correlation reaches this value are listed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="196" />
        <source>Correlation matrix</source>
        <translation>Matrics cydberthynas</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="197" />
        <source>A table: one row per variable, one column per variable.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="198" />
        <source>HTML report with the heat-map and the correlated pairs.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="199" />
        <source>Method</source>
        <translation>Dull</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="200" />
        <source>Threshold |r|</source>
        <translation>Trothwy |r|</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="201" />
        <source>Correlation report</source>
        <translation>Adroddiad cydberthynas</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="202" />
        <source>Correlation of the candidate variables</source>
        <translation>Cydberthyniad y newidynnau posibl</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="203" />
        <source>Strongly correlated pairs</source>
        <translation>Parau â chydberthynas gref</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="215" />
        <source>Import census bulk tables</source>
        <translation>Mewnforio tablau swmp y cyfrifiad</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="216" />
        <source>Reads ONS census bulk tables at Output Area level as published — Census 2021 (census2021-tsNNN-oa.csv: date, geography, geography code, one column per cell) or 2011 (GeographyCode or GEO_CODE and cell columns such as KS101EW0001) — several at once, and merges them on the area code. Either keeps every cell and drafts a variable lookup (each cell a count over its table's total), or builds the published variables of a ready lookup shipped with the plugin: the 60 variables of the 2011 OAC or the 68 of the London OAC 2021. Feed both outputs to 'Prepare variables'. Tables of different census years or geographies are refused.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="217" />
        <source>One or more bulk CSV files, e.g. census2021-ts007a-oa.csv, census2021-ts054-oa.csv.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="218" />
        <source>0 keep every cell and draft a lookup; 1 the 2011 OAC's 60 variables; 2 the London OAC 2021's 68 variables (cells summed as published).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="219" />
        <source>Census table</source>
        <translation>Tabl y cyfrifiad</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="220" />
        <source>One row per area (geography_code), one column per cell or variable.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="221" />
        <source>The variable lookup (2011 OAC schema) to give to 'Prepare variables'.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="222" />
        <source>Census bulk tables (CSV)</source>
        <translation>Tablau swmp y cyfrifiad (CSV)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="223" />
        <source>Variable lookup</source>
        <translation>Tabl chwilio newidynnau</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="224" />
        <source>Every cell (draft a lookup from the column names)</source>
        <translation>Pob cell (drafftio tabl chwilio o enwau’r colofnau)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="227" />
        <source>Integrate your data</source>
        <translation>Integreiddio eich data</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="228" />
        <source>Join records to areas by postcode</source>
        <translation>Cysylltu cofnodion ag ardaloedd yn ôl cod post</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="230" />
        <source>Records (table or layer)</source>
        <translation>Cofnodion (tabl neu haen)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="231" />
        <source>The records to match: any table or layer with a postcode field, e.g. a CSV or Excel export of a case-management system.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="235" />
        <source>Postcode lookup (e.g. ONSPD)</source>
        <translation>Tabl chwilio codau post (e.e. ONSPD)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="239" />
        <source>The classification: a classified layer (output of 'K-means classification') or a plain table of area code and cluster(s). Records whose area is not in it come out unmatched ('area not in classification').</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="240" />
        <source>The classified areas' code field (the same codes as the lookup's area field). Empty: the first field named like a code.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="241" />
        <source>The cluster fields to copy to each record (e.g. supergroup and group).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="242" />
        <source>Matched records</source>
        <translation>Cofnodion a gysylltwyd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="244" />
        <source>Unmatched records</source>
        <translation>Cofnodion heb eu cysylltu</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="245" />
        <source>The records that did not match: their own fields plus postcode_norm and reason (empty, invalid format, not in lookup, area not in classification).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="247" />
        <source>Postcode field</source>
        <translation>Maes cod post</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="251" />
        <source>Lookup area code field</source>
        <translation>Maes cod ardal y tabl chwilio</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="252" />
        <source>Classified areas (optional)</source>
        <translation>Ardaloedd wedi’u dosbarthu (dewisol)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="253" />
        <source>Cluster fields</source>
        <translation>Meysydd clwstwr</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="281" />
        <source>K-means classification</source>
        <translation>Dosbarthiad k-cymedr</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="283" />
        <source>The standardised areas (output of 'Standardise variables').</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="284" />
        <source>How many clusters to make (the OAC has 8 supergroups).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="285" />
        <source>Name of the new field holding each area's cluster code. An input field of the same name is replaced in the output.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="286" />
        <source>Optional JSON written by 'Standardise variables'. Stored in the model so that the classification can later be applied to raw (unstandardised) variables.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="289" />
        <source>Cluster centres</source>
        <translation>Canolau'r clystyrau</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="291" />
        <source>JSON model of the classification, for 'Apply a saved classification'.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="292" />
        <source>Number of clusters (K)</source>
        <translation>Nifer y clystyrau (K)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="293" />
        <source>Standardisation parameters (from Standardise)</source>
        <translation>Paramedrau safoni (o Safoni)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="303" />
        <source>Cluster labels</source>
        <translation>Labeli'r clystyrau</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="322" />
        <source>Pen portraits of the clusters</source>
        <translation>Portreadau o'r clystyrau</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="323" />
        <source>Writes a report with one page per cluster: its name (from the labels table), its size (areas, and population when a population field is given), a spider chart of its profile against the area average, the most over- and under-represented variables (index = 100 × cluster mean / mean of all areas, on the unstandardised percentages when given, else on the input values), a small map of where it lives, and a drafted description ('Compared with the area average, these neighbourhoods have many more … and fewer …') for the officer to rewrite. The HTML report is self-contained and its descriptions can be edited in the browser; the PDF has one A4 page per cluster.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="324" />
        <source>The classified areas (a layer gives the maps; a table works without them).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="325" />
        <source>The field holding each area's cluster code (e.g. cluster, subcluster).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="326" />
        <source>Unstandardised percentages (optional)</source>
        <translation>Canrannau heb eu safoni (dewisol)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="327" />
        <source>Optional table of the same areas with the variables before standardisation (e.g. the output of 'Prepare variables'), joined on the area id. The indices are then computed on these percentages, which read more naturally than standardised values.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="96" />
        <source>Labels table (optional)</source>
        <translation>Tabl labeli (dewisol)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="328" />
        <source>Optional labels table (code, name, colour …, as written by K-means) giving each cluster its name and colour.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="98" />
        <source>Variable lookup (optional)</source>
        <translation>Tabl chwilio newidynnau (dewisol)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="329" />
        <source>Optional variable lookup with VariableCode, VariableName and VariableDomain: readable names in the text, variables grouped by domain on the spider charts.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="330" />
        <source>Optional count of people (or households) in each area, summed per cluster.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="332" />
        <source>Self-contained HTML report, one section (printed page) per cluster.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="333" />
        <source>Optional PDF with one A4 page per cluster.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="334" />
        <source>Pen portraits</source>
        <translation>Portreadau</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="335" />
        <source>Population field</source>
        <translation>Maes poblogaeth</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="336" />
        <source>Pen portraits (HTML)</source>
        <translation>Portreadau (HTML)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="337" />
        <source>Pen portraits (PDF)</source>
        <translation>Portreadau (PDF)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="338" />
        <source>Variables: </source>
        <translation>Newidynnau: </translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="342" />
        <source>Prepare variables (counts to percentages)</source>
        <translation>Paratoi newidynnau (cyfrifon yn ganrannau)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="344" />
        <source>Census counts (layer or table)</source>
        <translation>Cyfrifon y cyfrifiad (haen neu dabl)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="345" />
        <source>One row per area with the raw counts and the denominators.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="346" />
        <source>Variable lookup table</source>
        <translation>Tabl chwilio newidynnau</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="347" />
        <source>The variable lookup (CSV or table) with VariableCode, VariableMeasurementUnit and VariableStatisticalUnit columns.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="348" />
        <source>The field holding each area's code (e.g. OA11CD); must be unique.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="352" />
        <source>Prepared variables</source>
        <translation>Newidynnau wedi'u paratoi</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="367" />
        <source>Profile records by cluster</source>
        <translation>Proffilio cofnodion fesul clwstwr</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="369" />
        <source>The records with their cluster(s): the output of 'Join records to areas by postcode', or any table or layer with a cluster field.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="370" />
        <source>The records' cluster field. Several fields (e.g. supergroup and group) give one profile per level ('level' column).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="371" />
        <source>Optional fields (e.g. channel, outcome) whose every value gets its own profile ('indicator' = field=value); 'all' is every record.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="372" />
        <source>Optional survey weight of each record: counts become sums of weights and the confidence interval uses the weighted variance. Also adds the representativeness test to the report.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="374" />
        <source>Classified areas (base)</source>
        <translation>Ardaloedd wedi’u dosbarthu (sylfaen)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="375" />
        <source>The classified areas: a layer or table with the cluster field(s) and, optionally, a base count per area.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="376" />
        <source>The areas' code field; used to refuse repeated areas (which would count twice in the base). Empty: not checked.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="377" />
        <source>The areas' cluster field(s), in the same order as the records' ones. Empty: the same names as the records' cluster fields.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="378" />
        <source>The base to compare with, summed by cluster: households, population aged 16+ … Empty: the number of areas.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="380" />
        <source>Confidence level of the index interval.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="387" />
        <source>Add the representativeness test (does the sample's cluster mix match the base?) to the report, also without weights.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="388" />
        <source>Profile</source>
        <translation>Proffil</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="394" />
        <source>HTML report: a chart of the index by cluster for each indicator (bars around 100 with the confidence interval), the tables and the representativeness test.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="396" />
        <source>Customer profile by cluster</source>
        <translation>Proffil cwsmeriaid fesul clwstwr</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="398" />
        <source>Cluster field(s)</source>
        <translation>Maes/meysydd clwstwr</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="399" />
        <source>Indicator fields</source>
        <translation>Meysydd dangosydd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="400" />
        <source>Areas' cluster field(s)</source>
        <translation>Maes/meysydd clwstwr yr ardaloedd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="401" />
        <source>Base field</source>
        <translation>Maes sylfaen</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="402" />
        <source>Confidence level (%)</source>
        <translation>Lefel hyder (%)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="408" />
        <source>Records are a survey sample</source>
        <translation>Sampl arolwg yw’r cofnodion</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="409" />
        <source>Profile report</source>
        <translation>Adroddiad proffil</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="410" />
        <source>Suppressed cells</source>
        <translation>Celloedd wedi’u hatal</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="416" />
        <source>Representativeness of the sample</source>
        <translation>Cynrychioldeb y sampl</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="184" />
        <source>Models (whole method)</source>
        <translation>Modelau (y dull cyfan)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="6" />
        <source>Customer Segmentation</source>
        <translation>Segmentu Cwsmeriaid</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="449" />
        <source>Standardise variables</source>
        <translation>Safoni newidynnau</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="450" />
        <source>Reduces skew, then puts every variable on one scale so that none dominates the clustering. Hull's guidance: log(x+1), then range 0-1. The 2011 and 2021 OAC: inverse hyperbolic sine, then range 0-1. Field names are kept. The fitted minimum, maximum, mean, standard deviation (and Box-Cox lambda) of every field are written to a JSON parameters file, so that k-means models can re-apply the very same transform to new or updated areas.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="452" />
        <source>0 range 0-1, (x − min)/(max − min); 1 z-score, (x − mean)/sd with the sample standard deviation; 2 none.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="454" />
        <source>Standardised variables</source>
        <translation>Newidynnau wedi'u safoni</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="455" />
        <source>The areas with the standardised fields (same names), the id and geometry.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="456" />
        <source>Optional JSON file of the fitted parameters, to pass to k-means as its standardisation so the model can be applied to raw percentages later.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="457" />
        <source>Transform</source>
        <translation>Trawsffurfiad</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="458" />
        <source>Scaling</source>
        <translation>Graddio</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="460" />
        <source>Standardisation parameters</source>
        <translation>Paramedrau safoni</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="463" />
        <source>Sub-cluster (groups within clusters)</source>
        <translation>Is-glystyru (grwpiau o fewn clystyrau)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="465" />
        <source>Classified, standardised areas (output of 'K-means').</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="466" />
        <source>The field holding the clusters to split (e.g. cluster).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="468" />
        <source>A number for every parent (3), or per parent (1:3,2:4), or both (3,5:2).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="469" />
        <source>Name of the new field holding each area's sub-cluster code (e.g. 1a).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="473" />
        <source>Parent cluster field</source>
        <translation>Maes y clwstwr rhiant</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="475" />
        <source>Sub-clusters per cluster</source>
        <translation>Is-glystyrau fesul clwstwr</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="476" />
        <source>Sub-cluster field name</source>
        <translation>Enw maes yr is-glwstwr</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="485" />
        <source>Target areas (estimated non-users)</source>
        <translation>Ardaloedd targed (amcangyfrif o'r rhai nad ydynt yn defnyddio)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="487" />
        <source>The classified areas (a layer, to map the targets).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="488" />
        <source>The areas' cluster field (the level of the profile to use).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="489" />
        <source>Households (or people) per area: the units the penetration is per 100 of.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="490" />
        <source>The output of 'Profile records by cluster' (with households as its base). Its 'all' rows of the level named like CLUSTER_FIELD (else the first level) are used.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="491" />
        <source>Without a profile table: the matched records, profiled here against the areas' households.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="492" />
        <source>The records' cluster field. Empty: the same name as CLUSTER_FIELD.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="498" />
        <source>Target the areas of clusters with at least this index (110: 10 % more customers than expected).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="500" />
        <source>Target areas</source>
        <translation>Ardaloedd targed</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="502" />
        <source>Households field</source>
        <translation>Maes aelwydydd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="503" />
        <source>Profile table</source>
        <translation>Tabl proffil</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="504" />
        <source>Matched records (instead of a profile)</source>
        <translation>Cofnodion wedi’u paru (yn lle proffil)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="505" />
        <source>Records' cluster field</source>
        <translation>Maes clwstwr y cofnodion</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="510" />
        <source>Minimum index</source>
        <translation>Mynegai lleiaf</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="3" />
        <source>Cluster summary</source>
        <translation>Crynodeb o'r clystyrau</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="524" />
        <source>Classified layer</source>
        <translation>Haen wedi'i dosbarthu</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="566" />
        <source>Choose a classified layer and its cluster field.</source>
        <translation>Dewiswch haen wedi’i dosbarthu a’i maes clwstwr.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="567" />
        <source>Population</source>
        <translation>Poblogaeth</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="568" />
        <source>Households</source>
        <translation>Aelwydydd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="569" />
        <source>areas</source>
        <translation>ardaloedd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="85" />
        <source>population</source>
        <translation>poblogaeth</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="86" />
        <source>households</source>
        <translation>aelwydydd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="570" />
        <source>All {n} areas (nothing selected)</source>
        <translation>Pob un o’r {n} ardal (dim wedi’i ddewis)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="571" />
        <source>{n} of {total} areas selected</source>
        <translation>{n} o {total} ardal wedi’u dewis</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="130" />
        <source>K-means strategy</source>
        <translation>Strategaeth k-cymedr</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="4" />
        <source>Cluster spider chart</source>
        <translation>Siart corryn y clystyrau</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="528" />
        <source>Also draw each cluster present</source>
        <translation>Dangos hefyd bob clwstwr sy'n bresennol</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="530" />
        <source>CSV files (*.csv)</source>
        <translation>Ffeiliau CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="533" />
        <source>Scale</source>
        <translation>Graddfa</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="542" />
        <source>Export PNG…</source>
        <translation>Allforio PNG…</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="543" />
        <source>Export SVG…</source>
        <translation>Allforio SVG…</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="549" />
        <source>PNG images (*.png)</source>
        <translation>Delweddau PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="550" />
        <source>SVG images (*.svg)</source>
        <translation>Delweddau SVG (*.svg)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="560" />
        <source>Export the spider chart</source>
        <translation>Allforio’r siart corryn</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="554" />
        <source>Choose a classified layer, its cluster field and the variables.</source>
        <translation>Dewiswch haen wedi’i dosbarthu, ei maes clwstwr a’r newidynnau.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="548" />
        <source>Nothing selected: every cluster</source>
        <translation>Dim wedi’i ddewis: pob clwstwr</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="558" />
        <source>{n} areas selected, {k} cluster(s)</source>
        <translation>{n} ardal wedi’u dewis, {k} clwstwr</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="563" />
        <source>The labels table (code, name, colour …) giving the clusters their names and colours. Choose another one, e.g. from an earlier run, to link it to the layer.</source>
        <translation>Y tabl labeli (cod, enw, lliw …) sy’n rhoi eu henwau a’u lliwiau i’r clystyrau. Dewiswch un arall, e.e. o rediad cynharach, i’w gysylltu â’r haen.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="564" />
        <source>Labels table</source>
        <translation>Tabl labeli</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="38" />
        <source>{v0} of {n_pos} points fall in an area.</source>
        <translation>{v0} o {n_pos} pwynt yn disgyn mewn ardal.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="40" />
        <source>{outside} record(s) are in no area of the areas layer (or have no area code).</source>
        <translation>{outside} cofnod heb fod mewn unrhyw ardal o’r haen ardaloedd (neu heb god ardal).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="55" />
        <source>Model: K={k}, {v1} variables; {n_codes} areas classified.</source>
        <translation>Model: K={k}, {v1} newidyn; {n_codes} ardal wedi’u dosbarthu.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="135" />
        <source>The {what} ({name}) could not be opened.</source>
        <translation>Nid oedd modd agor y {what} ({name}).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="158" />
        <source>{n_X} areas, {n_fields} variables, k = {k_min}..{k_max}, {runs} runs each, seed {seed}.</source>
        <translation>{n_X} ardal, {n_fields} newidyn, k = {k_min}..{k_max}, {runs} rhediad yr un, hedyn {seed}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="162" />
        <source>{n_X} areas, {n_fields} variables ({v2}); best of {runs} k-means runs per k, seed {seed}.</source>
        <translation>{n_X} ardal, {n_fields} newidyn ({v2}); y gorau o {runs} rhediad k-cymedr i bob k, hedyn {seed}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="24" />
        <source>{v0} of {n_pos} areas fall in a group polygon.</source>
        <translation>{v0} o {n_pos} ardal yn disgyn mewn polygon grŵp.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="180" />
        <source>{n} groups described.</source>
        <translation>{n} grŵp wedi’u disgrifio.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="179" />
        <source>{v0} area(s) are in no group polygon and are left out.</source>
        <translation>Gadawyd allan {v0} ardal nad ydynt mewn unrhyw bolygon grŵp.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="182" />
        <source>{name}: {areas} areas, dominant cluster {dominant} ({dominant_pct:.0f} %).</source>
        <translation>{name}: {areas} ardal, clwstwr amlycaf {dominant} ({dominant_pct:.0f} %).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="204" />
        <source>{n_pairs} pair(s) with |r| ≥ {threshold:g}.</source>
        <translation>{n_pairs} pâr gyda |r| ≥ {threshold:g}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="205" />
        <source>{n_fields} variables, {n_data} areas, {method} correlation; pairs listed at |r| ≥ {threshold:g}.</source>
        <translation>{n_fields} newidyn, {n_data} ardal, cydberthyniad {method}; rhestrir parau ar |r| ≥ {threshold:g}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="225" />
        <source>{n_out} areas, {v1} columns.</source>
        <translation>{n_out} ardal, {v1} colofn.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="226" />
        <source>{v0} ({year}, {geography}): {v3} areas, {v4} cells</source>
        <translation>{v0} ({year}, {geography}): {v3} ardal, {v4} cell</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="257" />
        <source>{n_records} records read.</source>
        <translation>Darllenwyd {n_records} cofnod.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="258" />
        <source>{v0} records: {v1} matched ({rate:.1f} %), {v3} unmatched.</source>
        <translation>{v0} cofnod: {v1} wedi’u paru ({rate:.1f} %), {v3} heb eu paru.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="271" />
        <source>{n_index} postcodes in the lookup index.</source>
        <translation>{n_index} cod post ym mynegai’r tabl chwilio.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="262" />
        <source>{v0} classified areas (code field '{area_id}', clusters {v2}).</source>
        <translation>{v0} ardal wedi’u dosbarthu (maes cod '{area_id}', clystyrau {v2}).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="266" />
        <source>  {reason}: {v1}</source>
        <translation>  {reason}: {v1}</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="267" />
        <source>{v0} matched record(s) have a terminated postcode (flagged in the 'terminated' field).</source>
        <translation>Mae gan {v0} cofnod wedi’u paru god post wedi’i derfynu (wedi’i nodi yn y maes 'terminated').</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="268" />
        <source>Only {rate:.1f} % of the records matched: check the postcode field and that the lookup covers the records' area.</source>
        <translation>Dim ond {rate:.1f} % o’r cofnodion a barwyd: gwiriwch y maes cod post a bod y tabl chwilio’n cwmpasu ardal y cofnodion.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="272" />
        <source>{v0} lookup row(s) without a postcode or area were left out.</source>
        <translation>Gadawyd allan {v0} rhes o’r tabl chwilio heb god post neu ardal.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="280" />
        <source>{v0} lookup postcode(s) are not in UK format, e.g. {v1}.</source>
        <translation>Nid yw {v0} cod post yn y tabl chwilio ar ffurf y DU, e.e. {v1}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="273" />
        <source>{v0} duplicated lookup row(s) dropped (the live one kept).</source>
        <translation>Gollyngwyd {v0} rhes ddyblyg o’r tabl chwilio (cadwyd yr un byw).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="274" />
        <source>{v0} postcode(s) appear with different area codes; the live (else first) row is used.</source>
        <translation>Mae {v0} cod post yn ymddangos gyda chodau ardal gwahanol; defnyddir y rhes fyw (neu’r gyntaf).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="294" />
        <source>{n_X} areas, {n_fields} variables, K={k}, {runs} runs, seed {seed}.</source>
        <translation>{n_X} ardal, {n_fields} newidyn, K={k}, {runs} rhediad, hedyn {seed}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="295" />
        <source>Total within-cluster sum of squares: {total_wcss:.6f}</source>
        <translation>Cyfanswm y sgwariau o fewn clystyrau: {total_wcss:.6f}</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="297" />
        <source>Cluster sizes: {sizes}</source>
        <translation>Meintiau’r clystyrau: {sizes}</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="301" />
        <source>Constant field(s) carry no information: {v0}.</source>
        <translation>Nid oes gwybodaeth mewn meysydd cyson: {v0}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="339" />
        <source>{n_portraits} clusters, {v1} areas, {n_fields} variables.</source>
        <translation>{n_portraits} clwstwr, {v1} ardal, {n_fields} newidyn.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="340" />
        <source>Indices on the percentages joined on '{id_field}'.</source>
        <translation>Mynegeion ar y canrannau wedi’u cysylltu ar '{id_field}'.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="341" />
        <source>{v0} area(s) without a cluster code are left out.</source>
        <translation>Gadawyd allan {v0} ardal heb god clwstwr.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="359" />
        <source>{v0} variables: {v1} as percentages over {v2} denominators, {v3} passed through ({v4}).</source>
        <translation>{v0} newidyn: {v1} fel canrannau dros {v2} enwadur, {v3} wedi’u pasio drwodd ({v4}).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="361" />
        <source>{code}: {n} area(s) have a count over a zero denominator; set to 0.</source>
        <translation>{code}: mae gan {n} ardal gyfrif dros enwadur sero; gosodwyd i 0.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="363" />
        <source>{code}: {n} area(s) above 100 % — check the denominator.</source>
        <translation>{code}: {n} ardal uwchben 100 % — gwiriwch yr enwadur.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="420" />
        <source>{n_records} records, {n_areas} areas, base: {v2}; {n_table} cells.</source>
        <translation>{n_records} cofnod, {n_areas} ardal, sylfaen: {v2}; {n_table} cell.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="424" />
        <source>Interval: {v0}.</source>
        <translation>Cyfwng: {v0}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="429" />
        <source>{n} record(s) have no '{level}' and are left out.</source>
        <translation>Nid oes gan {n} cofnod '{level}'; fe’u gadawyd allan.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="430" />
        <source>Cluster(s) of '{level}' in the records but not in the base: {v1}.</source>
        <translation>Clystyrau '{level}' yn y cofnodion ond nid yn y sylfaen: {v1}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="440" />
        <source>Representativeness not tested: {e}</source>
        <translation>Ni phrofwyd cynrychioldeb: {e}</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="461" />
        <source>{n_fields} fields: {transform} then {scale}.</source>
        <translation>{n_fields} maes: {transform} yna {scale}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="481" />
        <source>Cluster {code}: {v1} areas into {v2}, sizes {v3}, WCSS {v4:.4f}</source>
        <translation>Clwstwr {code}: {v1} ardal yn {v2}, meintiau {v3}, WCSS {v4:.4f}</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="483" />
        <source>Reading the {what} {name} directly (pandas).</source>
        <translation>Yn darllen y {what} {name} yn uniongyrchol (pandas).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="484" />
        <source>The source {name} could not be opened.</source>
        <translation>Nid oedd modd agor y ffynhonnell {name}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="513" />
        <source>Clusters with index ≥ {min_index:g}: {v1}.</source>
        <translation>Clystyrau gyda mynegai ≥ {min_index:g}: {v1}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="515" />
        <source>{n_out} target areas, {v1:.0f} estimated non-user households.</source>
        <translation>{n_out} ardal darged, amcangyfrif o {v1:.0f} aelwyd nad ydynt yn defnyddio.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="519" />
        <source>Using the profile's 'all' rows of level '{v0}'.</source>
        <translation>Yn defnyddio rhesi 'all' y proffil ar lefel '{v0}'.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="132" />
        <source>{n} warning(s):</source>
        <translation>{n} rhybudd:</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="136" />
        <source>{runs} runs on {n} areas × {d} variables, K={k}: this may take about {minutes:.0f} minute(s) (rough estimate). Cancel to stop; fewer RUNS or the 'search' strategy are faster.</source>
        <translation>{runs} rhediad ar {n} ardal × {d} newidyn, K={k}: gall hyn gymryd tua {minutes:.0f} munud (amcangyfrif bras). Canslwch i stopio; mae llai o RUNS neu'r strategaeth 'search' yn gyflymach.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="139" />
        <source>Incorrect parameter value for {name}</source>
        <translation>Gwerth paramedr anghywir ar gyfer {name}</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="143" />
        <source>Field '{name}' is left out of the variables: {n_text} of its {n} filled cell(s) are text, not numbers (it has {n_number} number(s)). Fix the text cells or choose the variables (FIELDS) to use it.</source>
        <translation>Gadawyd y maes '{name}' allan o'r newidynnau: mae {n_text} o'i {n} cell lawn yn destun, nid rhifau (mae ganddo {n_number} rhif). Cywirwch y celloedd testun neu dewiswch y newidynnau (FIELDS) i'w ddefnyddio.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="144" />
        <source>Variables (every numeric field but the id '{id_field}'): {fields}</source>
        <translation>Newidynnau (pob maes rhifol ond yr id '{id_field}'): {fields}</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="181" />
        <source>{n} group(s) have a total weight ('{weight}') of zero ({groups}): their shares and dominant cluster are left blank.</source>
        <translation>Mae gan {n} grŵp gyfanswm pwysau ('{weight}') o sero ({groups}): gadawyd eu cyfrannau a'u clwstwr amlycaf yn wag.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="206" />
        <source>Only {n} area: no correlation can be computed, every value in the matrix is blank (NaN). Use at least 3 areas.</source>
        <translation>Dim ond {n} ardal: ni ellir cyfrifo cydberthyniad, mae pob gwerth yn y matrics yn wag (NaN). Defnyddiwch o leiaf 3 ardal.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="207" />
        <source>Constant field(s) {fields}: the same value in every area, so their correlations are blank (NaN). Leave them out.</source>
        <translation>Meysydd cyson {fields}: yr un gwerth ym mhob ardal, felly mae eu cydberthyniadau'n wag (NaN). Gadewch nhw allan.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="208" />
        <source>Field(s) {fields} have blank (NaN) correlations with some variables.</source>
        <translation>Mae gan y meysydd {fields} gydberthyniadau gwag (NaN) â rhai newidynnau.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="362" />
        <source>{code}: {n} negative count(s) ({rows}); a count cannot be negative, so its percentages are wrong: check the census table.</source>
        <translation>{code}: {n} cyfrif negatif ({rows}); ni all cyfrif fod yn negatif, felly mae ei ganrannau'n anghywir: gwiriwch y tabl cyfrifiad.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="395" />
        <source>number of areas</source>
        <translation>nifer yr ardaloedd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="431" />
        <source>The base ({base}) is zero in every cluster of '{level}': base shares, indices and penetrations are all blank. Check the base field.</source>
        <translation>Mae'r sylfaen ({base}) yn sero ym mhob clwstwr o '{level}': mae cyfrannau'r sylfaen, y mynegeion a'r treiddiad i gyd yn wag. Gwiriwch y maes sylfaen.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="432" />
        <source>Cluster(s) {codes} of '{level}' have a zero base ({base}): their index and penetration are blank.</source>
        <translation>Mae gan glystyrau {codes} o '{level}' sylfaen sero ({base}): mae eu mynegai a'u treiddiad yn wag.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="137" />
        <source>Could not write feature {row} of {count} to the output {name} ({file}): {error}{disk}. Nothing was written.</source>
        <translation>Methwyd ag ysgrifennu nodwedd {row} o {count} i'r allbwn {name} ({file}): {error}{disk}. Ni ysgrifennwyd dim.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="140" />
        <source>Cannot write the style {file} beside the output: it is a folder or read-only. Nothing was written.</source>
        <translation>Ni ellir ysgrifennu'r arddull {file} wrth ymyl yr allbwn: ffolder yw hi neu mae'n ddarllen-yn-unig. Ni ysgrifennwyd dim.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="141" />
        <source>Could not write the output {name} ({file}): {error}. Nothing was written.</source>
        <translation>Methwyd ag ysgrifennu'r allbwn {name} ({file}): {error}. Ni ysgrifennwyd dim.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="145" />
        <source>Could not create the output {name} ({file}): {error}. Nothing was written.</source>
        <translation>Methwyd â chreu'r allbwn {name} ({file}): {error}. Ni ysgrifennwyd dim.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="304" />
        <source>; the disk is full</source>
        <translation>; mae'r ddisg yn llawn</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="305" />
        <source>an output</source>
        <translation>allbwn</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="306" />
        <source>Could not write {file}: {error}. Nothing was written.</source>
        <translation>Methwyd ag ysgrifennu {file}: {error}. Ni ysgrifennwyd dim.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="307" />
        <source>{file}: {error}. Nothing was written.</source>
        <translation>{file}: {error}. Ni ysgrifennwyd dim.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="308" />
        <source>A shapefile cannot hold the field name(s) {fields} (at most 10 ASCII characters): they would be cut or changed and no longer match the names used elsewhere (e.g. in the parameters file). Choose a GeoPackage (.gpkg) for {file}.</source>
        <translation>Ni all ffeil siâp ddal enw(au) maes {fields} (10 nod ASCII ar y mwyaf): byddent yn cael eu torri neu eu newid ac ni fyddent bellach yn cyfateb i'r enwau a ddefnyddir mewn mannau eraill (e.e. yn y ffeil paramedrau). Dewiswch GeoPackage (.gpkg) ar gyfer {file}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="309" />
        <source>The output {name} ({file}) is a folder: choose a file name.</source>
        <translation>Ffolder yw'r allbwn {name} ({file}): dewiswch enw ffeil.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="310" />
        <source>Cannot write the output {name} to {file}: the folder {folder} does not exist.</source>
        <translation>Ni ellir ysgrifennu'r allbwn {name} i {file}: nid yw'r ffolder {folder} yn bodoli.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="311" />
        <source>Cannot write the output {name} to {file}: the file exists and is read-only (it is left as it is).</source>
        <translation>Ni ellir ysgrifennu'r allbwn {name} i {file}: mae'r ffeil yn bodoli ac yn ddarllen-yn-unig (fe'i gadawyd fel y mae).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="312" />
        <source>it cannot be read back</source>
        <translation>ni ellir ei darllen yn ôl</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="313" />
        <source>; was the disk full, or the file changed by another program?</source>
        <translation>; a oedd y ddisg yn llawn, neu a newidiwyd y ffeil gan raglen arall?</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="314" />
        <source>Could not move the output {name} into place ({file}): {error}. Nothing was written; the previous files were kept.</source>
        <translation>Methwyd â symud yr allbwn {name} i'w le ({file}): {error}. Ni ysgrifennwyd dim; cadwyd y ffeiliau blaenorol.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="315" />
        <source>The output {out} would overwrite the input {inp}: both are the file {file}. Choose another output file (the input is never written over).</source>
        <translation>Byddai'r allbwn {out} yn trosysgrifo'r mewnbwn {inp}: yr un ffeil {file} yw'r ddau. Dewiswch ffeil allbwn arall (ni chaiff y mewnbwn byth ei drosysgrifo).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="316" />
        <source>The outputs {first} and {second} are the same file {file}: choose a different file for each.</source>
        <translation>Yr un ffeil {file} yw'r allbynnau {first} a {second}: dewiswch ffeil wahanol ar gyfer pob un.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="317" />
        <source>A temporary folder left by an interrupted run is beside the output {name}: {folder}. Check it and delete it.</source>
        <translation>Mae ffolder dros dro a adawyd gan rediad a dorrwyd ar draws wrth ymyl yr allbwn {name}: {folder}. Gwiriwch ef a'i ddileu.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="318" />
        <source>Cannot write the output {name} to {file}: {error}.</source>
        <translation>Ni ellir ysgrifennu'r allbwn {name} i {file}: {error}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="319" />
        <source>{found} of {count} features were written</source>
        <translation>ysgrifennwyd {found} o {count} nodwedd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="320" />
        <source>Could not write the output {name} ({file}): {detail}{disk} Nothing was written.</source>
        <translation>Methwyd ag ysgrifennu'r allbwn {name} ({file}): {detail}{disk} Ni ysgrifennwyd dim.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="321" />
        <source>Some could not be put back: they are in {folders}.</source>
        <translation>Ni ellid rhoi rhai yn ôl: maent yn {folders}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="561" />
        <source>Could not write {file}: {error}.</source>
        <translation>Methwyd ag ysgrifennu {file}: {error}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="562" />
        <source>Could not write the style {file}: {error}.</source>
        <translation>Methwyd ag ysgrifennu'r arddull {file}: {error}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="50" />
        <source>Classified areas (saved classification)</source>
        <translation>Ardaloedd wedi’u dosbarthu (dosbarthiad wedi’i gadw)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="124" />
        <source>Variable lookup (for the summary and spider docks)</source>
        <translation>Tabl chwilio newidynnau (ar gyfer y dociau crynodeb a chorryn)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="125" />
        <source>Optional: the variable lookup given to 'Prepare variables'. With it, the output records each percentage's denominator, so the docks can show the rate of the whole area (e.g. 6 % unemployed) as their reference, and the variables' names and domains.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="134" />
        <source>Carried onto the output for the docks: {n} percentage(s), {totals}.</source>
        <translation>Wedi’u cario i’r allbwn ar gyfer y dociau: {n} canran, {totals}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="138" />
        <source>no population or households</source>
        <translation>dim poblogaeth nac aelwydydd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="183" />
        <source>Copy the whole-method model for editing</source>
        <translation>Copïo model y dull cyfan i’w olygu</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="185" />
        <source>The shipped model 'Whole method: census to service profile' is part of the plugin and cannot be saved from the graphical modeler. This copies it into your own models folder (Settings → Options → Processing → Models; empty FOLDER: that folder), where it appears under Models in the toolbox as 'Whole method (my copy)': right-click it → Edit Model… to change any step. An existing copy is only replaced when you say so.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="186" />
        <source>Where to copy the model. Empty: your Processing models folder.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="187" />
        <source>Replace customer_segmentation_method.model3 if the folder already has one (your edits to it are lost).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="188" />
        <source>Models folder</source>
        <translation>Ffolder modelau</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="189" />
        <source>Replace an existing copy</source>
        <translation>Disodli copi sy’n bodoli</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="190" />
        <source>Copied model</source>
        <translation>Model wedi’i gopïo</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="191" />
        <source>Copied to {target}: Models → 'Whole method (my copy)' → Edit Model…</source>
        <translation>Wedi’i gopïo i {target}: Modelau → 'Whole method (my copy)' → Golygu’r Model…</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="287" />
        <source>Clusters</source>
        <translation>Clystyrau</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="288" />
        <source>The input areas with the cluster field (and the raw_ totals and percentages carried from 'Standardise').</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="343" />
        <source>Turns raw census counts into percentages of each variable's denominator, as the Output Area Classification does: value = count / denominator × 100, with 0/0 = 0. The variable lookup table (2011 OAC schema: VariableCode, VariableMeasurementUnit, VariableStatisticalUnit) names each variable's statistical unit; its 'Totals' rows say which column holds that unit's total. Ratio and density variables pass through as they are. The log reports variables with a count over a zero denominator, percentages above 100 and input columns the lookup does not mention. Census counts onto boundaries in one step: give the area polygons as BOUNDARIES and the census table as INPUT; they are joined by area code, the output holds the polygons, and codes found on one side only are reported both ways (census rows without an area can also be written to their own table).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="349" />
        <source>Also copy each denominator (population, households …) unchanged to the output as raw_&lt;name&gt;, e.g. raw_Total_Population. Standardise and k-means carry raw_ fields through untouched and never use them as variables, so the classified areas can say how many people and households each cluster holds.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="350" />
        <source>Polygons of the areas (e.g. Output Area boundaries), when the census counts are a plain table: each census row is joined to the polygon with the same area code and the output is a polygon layer. Areas without a census row, and census rows without an area, are reported (up to 10 codes and the count).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="351" />
        <source>The boundaries' area code field (e.g. oa_code). Empty: a field named like the census id field, else the first text field named like a code.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="353" />
        <source>The areas with one field per variable, in percent (geometry kept when the input is a layer, or taken from BOUNDARIES).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="354" />
        <source>Census rows without an area</source>
        <translation>Rhesi cyfrifiad heb ardal</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="355" />
        <source>With BOUNDARIES: the census rows whose code no polygon has, as they were given.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="356" />
        <source>Carry the denominators</source>
        <translation>Cario’r enwaduron</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="357" />
        <source>Area boundaries (optional)</source>
        <translation>Ffiniau ardaloedd (dewisol)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="358" />
        <source>Boundaries' area code field</source>
        <translation>Maes cod ardal y ffiniau</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="360" />
        <source>{n} areas joined to their census row ({field} = {id}).</source>
        <translation>{n} ardal wedi’u cysylltu â’u rhes cyfrifiad ({field} = {id}).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="364" />
        <source>{n} area(s) of the boundaries have no census row and are left out of the output: {codes}.</source>
        <translation>Nid oes gan {n} ardal o’r ffiniau res cyfrifiad ac fe’u gadawyd allan o’r allbwn: {codes}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="365" />
        <source>{n} census row(s) have no area in the boundaries and are left out of the output{where}: {codes}.</source>
        <translation>Nid oes gan {n} rhes cyfrifiad ardal yn y ffiniau ac fe’u gadawyd allan o’r allbwn{where}: {codes}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="366" />
        <source> (written to 'Census rows without an area')</source>
        <translation> (wedi’u hysgrifennu i 'Rhesi cyfrifiad heb ardal')</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="453" />
        <source>Also copy each variable's value before standardisation as raw_&lt;name&gt; (e.g. raw_v01, the percentage) and every raw_ field of the input (the denominators kept by 'Prepare variables') unchanged. K-means copies them to the classified areas, whose summary then shows real percentages, population and households; they are never used as variables.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="459" />
        <source>Carry the unstandardised values</source>
        <translation>Cario’r gwerthoedd heb eu safoni</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="470" />
        <source>Groups within clusters</source>
        <translation>Grwpiau o fewn clystyrau</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="471" />
        <source>The input with the sub-cluster field (raw_ fields carried).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="544" />
        <source>values as on the layer</source>
        <translation>gwerthoedd fel ar yr haen</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="526" />
        <source>Index (100 = reference)</source>
        <translation>Mynegai (100 = cyfeirnod)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="527" />
        <source>Difference (standard deviations)</source>
        <translation>Gwahaniaeth (gwyriadau safonol)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="529" />
        <source>Index: 100 × value / reference. Difference: in standard deviations of the areas.</source>
        <translation>Mynegai: 100 × gwerth / cyfeirnod. Gwahaniaeth: mewn gwyriadau safonol o’r ardaloedd.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="531" />
        <source>Variable lookup (optional): names and domains of the variables (VariableCode, VariableName, VariableDomain).</source>
        <translation>Tabl chwilio newidynnau (dewisol): enwau a pharthau’r newidynnau (VariableCode, VariableName, VariableDomain).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="532" />
        <source>Chart options</source>
        <translation>Dewisiadau’r siart</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="546" />
        <source>Whole-area rate</source>
        <translation>Cyfradd yr ardal gyfan</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="547" />
        <source>Mean of areas</source>
        <translation>Cymedr yr ardaloedd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="536" />
        <source>The rate of the whole area: each variable's count over its denominator, summed over all areas (as 'the average unemployment level is 6 per cent').</source>
        <translation>Cyfradd yr ardal gyfan: cyfrif pob newidyn dros ei enwadur, wedi’u symio dros yr holl ardaloedd (fel 'lefel gyfartalog diweithdra yw 6 y cant').</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="537" />
        <source>Compared with</source>
        <translation>O’i gymharu â</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="538" />
        <source>all</source>
        <translation>pob un</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="539" />
        <source>Draw only the variables furthest from the reference in any line (0 = all).</source>
        <translation>Lluniadu dim ond y newidynnau pellaf o’r cyfeirnod mewn unrhyw linell (0 = pob un).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="540" />
        <source>Most distinctive</source>
        <translation>Mwyaf nodedig</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="541" />
        <source>Lookup</source>
        <translation>Tabl chwilio</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="545" />
        <source>standardised values</source>
        <translation>gwerthoedd wedi’u safoni</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="552" />
        <source>Index of percentages (100 = {reference})</source>
        <translation>Mynegai canrannau (100 = {reference})</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="553" />
        <source>The whole-area rate needs each variable's denominator count on the layer (the plugin records them on its classified outputs).</source>
        <translation>Mae cyfradd yr ardal gyfan angen cyfrif enwadur pob newidyn ar yr haen (mae’r ategyn yn eu cofnodi ar ei allbynnau wedi’u dosbarthu).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="555" />
        <source>Mean of areas ({values})</source>
        <translation>Cymedr yr ardaloedd ({values})</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="556" />
        <source>Difference from the {reference}, in standard deviations of the areas</source>
        <translation>Gwahaniaeth o’r {reference}, mewn gwyriadau safonol o’r ardaloedd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="557" />
        <source>Index of {values} (100 = mean of areas)</source>
        <translation>Mynegai {values} (100 = cymedr yr ardaloedd)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="559" />
        <source>the {n} most distinctive of {total} variables</source>
        <translation>y {n} mwyaf nodedig o {total} newidyn</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="565" />
        <source>Cluster</source>
        <translation>Clwstwr</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="299" />
        <source>Clusters k={k}, seed {seed}</source>
        <translation>Clystyrau k={k}, hedyn {seed}</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="45" />
        <source>Assigns each area to the nearest cluster centre of a model saved by 'K-means classification'. When the model holds a standardisation, the input must carry the variables before standardisation (e.g. percentages from 'Prepare variables') and the model's own fitted transform and scaling are applied; otherwise the input must already be on the model's scale. Fields the model needs but the input lacks are refused by name. Also writes the squared distance to the centre, to spot areas that fit badly. A two-level model (saved by 'Sub-cluster') re-applies both levels: the nearest cluster centre, then the nearest sub-cluster centre within that cluster, written to the fields the model was built with (e.g. cluster and subcluster).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="47" />
        <source>A JSON model written by 'K-means classification' or (two levels) by 'Sub-cluster'.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="48" />
        <source>Name of the new field holding each area's cluster code. Empty: the name the model was built with (cluster when the model does not say).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="49" />
        <source>Name of the new field holding each area's sub-cluster code, for a two-level model. Empty: the name the model was built with (e.g. subcluster).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="51" />
        <source>The input with the cluster code and the squared distance to its centre (and, for a two-level model, the sub-cluster code and its distance).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="54" />
        <source>Sub-cluster field name (two-level model)</source>
        <translation>Enw maes yr is-glwstwr (model dwy lefel)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="56" />
        <source>The sub-cluster field name is not used: the model has one level (it was saved by 'K-means classification').</source>
        <translation>Ni ddefnyddir enw maes yr is-glwstwr: mae gan y model un lefel (fe’i cadwyd gan 'K-means classification').</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="57" />
        <source>Two-level model: {n} sub-clusters on {v} variables, written to {field}.</source>
        <translation>Model dwy lefel: {n} is-glwstwr ar {v} newidyn, wedi’i ysgrifennu i {field}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="464" />
        <source>Splits each cluster of the parent field again with k-means, building the OAC's hierarchy: supergroup 1 → groups 1a, 1b → sub-groups 1a1, 1a2. One K for every parent (e.g. 3) or one per parent (e.g. 1:3,2:4; or 3,5:2 for 3 everywhere but 2 in cluster 5); parents not named and without a default stay whole. Each parent gets its own seed derived from SEED and its code, so the result is reproducible. Optionally writes a two-level model file (the parent's k-means model with every parent's sub-centres) that 'Apply a saved classification' uses to re-apply both levels to new or updated areas.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="467" />
        <source>Optional: the model file 'K-means classification' wrote for the parent field. The two-level model (MODEL) then holds its variables, standardisation and centres, so it can be applied to the variables before standardisation. Without it the parent centres are the means of the parent clusters, with no standardisation. With it and Variables empty, the model's variables are used.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="472" />
        <source>JSON model of both levels (parent centres and each parent's sub-centres), for 'Apply a saved classification'.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="474" />
        <source>Model of the parent clusters (from K-means)</source>
        <translation>Model y clystyrau rhiant (o K-means)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="477" />
        <source>Two-level model file</source>
        <translation>Ffeil model dwy lefel</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="478" />
        <source>Re-applying the model to this input would change the parent cluster of {n} area(s) (first: {area}, {old} → {new}): they are nearer another cluster's centre than their own.</source>
        <translation>Byddai ail-gymhwyso’r model i’r mewnbwn hwn yn newid clwstwr rhiant {n} ardal (y gyntaf: {area}, {old} → {new}): maent yn nes at ganol clwstwr arall nag at eu canol eu hunain.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="479" />
        <source>Re-applying the model to this input would change the sub-cluster of {n} area(s) (first: {area}, {old} → {new}): they are nearer another sub-cluster's centre than their own.</source>
        <translation>Byddai ail-gymhwyso’r model i’r mewnbwn hwn yn newid is-glwstwr {n} ardal (y gyntaf: {area}, {old} → {new}): maent yn nes at ganol is-glwstwr arall nag at eu canol eu hunain.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="480" />
        <source>Two-level model: {k} clusters, {n} sub-clusters, {d} variables{std}.</source>
        <translation>Model dwy lefel: {k} clwstwr, {n} is-glwstwr, {d} newidyn{std}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="482" />
        <source> (with its standardisation)</source>
        <translation> (gyda’i safoni)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="14" />
        <source>Optional numeric field of the records (an amount, a price, a rating) whose statistics are computed per area.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="15" />
        <source>What to compute per area from the value field, besides the count: 0 sum (default), 1 mean, 2 median, 3 minimum, 4 maximum, 5 weighted mean (needs the weight field), 6 distinct count (of the distinct field, else of the value field). Without a value field only the count (and a distinct count of the distinct field) is given.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="16" />
        <source>Optional weight of each record (numbers ≥ 0, e.g. floor area) for the weighted mean.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="17" />
        <source>Optional field whose different values are counted per area (household id, UPRN) for the distinct count; empty: the value field.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="20" />
        <source>Prefix of the new fields: &lt;prefix&gt;count, &lt;prefix&gt;sum, &lt;prefix&gt;rate, &lt;prefix&gt;suppressed, then &lt;prefix&gt;mean, median, min, max, wmean, distinct and n_values as chosen.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="25" />
        <source>The weighted mean needs a weight field (WEIGHT_FIELD).</source>
        <translation>Mae’r cymedr pwysol angen maes pwysau (WEIGHT_FIELD).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="29" />
        <source>Value field</source>
        <translation>Maes gwerth</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="30" />
        <source>Statistics of the value field</source>
        <translation>Ystadegau’r maes gwerth</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="32" />
        <source>Distinct field</source>
        <translation>Maes gwahanol</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="37" />
        <source>The distinct count needs a distinct field (DISTINCT_FIELD) or a value field (SUM_FIELD).</source>
        <translation>Mae’r cyfrif gwahanol angen maes gwahanol (DISTINCT_FIELD) neu faes gwerth (SUM_FIELD).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="39" />
        <source>Field '{field}' is empty in {n} record(s) in an area: they are left out of its statistics ({prefix}n_values counts the values used).</source>
        <translation>Mae maes '{field}' yn wag mewn {n} cofnod mewn ardal: fe’u gadewir allan o’i hystadegau ({prefix}n_values sy’n cyfrif y gwerthoedd a ddefnyddiwyd).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="43" />
        <source>The statistic(s) {stats} need a value field (SUM_FIELD).</source>
        <translation>Mae’r ystadegyn/ystadegau {stats} angen maes gwerth (SUM_FIELD).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="58" />
        <source>Values outside the range the Box-Cox transform was fitted on were clipped to it: {fields}.</source>
        <translation>Cafodd gwerthoedd y tu allan i’r amrediad y gosodwyd trawsffurfiad Box-Cox arno eu tocio iddo: {fields}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="60" />
        <source>Describes a local area (a ward, a neighbourhood, the areas selected on the map) against a reference (the borough, the region): for each chosen field, the local mean, the reference mean, the difference and the index 100 × local / reference, the most distinctive fields first. By default both means are the rate of the whole area: weighted by population or households (the weight field, then required), the right way to combine percentages of areas of different sizes; the unweighted mean of the areas' values is an option (REFERENCE_METHOD). A field with a negative value (a change, a balance, a score) is compared by its difference only: a ratio of signed means is no index. Missing values are left out of the means and counted in the log. Use 'selected features only' on the input to profile a selection. 'Area profiles' does every ward or LSOA at once.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="61" />
        <source>Fields that can be negative (a change, a balance, a score), compared by their difference instead of an index. A field with a negative value in the data is treated so anyway.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="62" />
        <source>unweighted means of the areas' values</source>
        <translation>cymedrau heb eu pwysoli o werthoedd yr ardaloedd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="68" />
        <source>Weight of each area (population, households), present in both tables; needed for the default reference, the rate of the whole area. If empty, the population (else households) field the plugin recorded on a classified layer is used.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="71" />
        <source>One row per field: field, local, reference, difference, index (empty for signed fields), signed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="73" />
        <source>Reference</source>
        <translation>Cyfeirnod</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="74" />
        <source>Signed fields</source>
        <translation>Meysydd ag arwydd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="75" />
        <source>{fields}: negative values, so compared by their difference (no index).</source>
        <translation>{fields}: gwerthoedd negatif, felly fe’u cymharir yn ôl eu gwahaniaeth (dim mynegai).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="76" />
        <source>means weighted by '{weight}' (the rate of the whole area)</source>
        <translation>cymedrau wedi’u pwysoli yn ôl '{weight}' (cyfradd yr ardal gyfan)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="80" />
        <source>{n_local} local areas against {n_ref} reference areas, {n_fields} fields; {how}.</source>
        <translation>{n_local} ardal leol yn erbyn {n_ref} ardal gyfeirio, {n_fields} maes; {how}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="81" />
        <source>Weight field: '{field}', recorded on the input layer as its {what}.</source>
        <translation>Maes pwysau: '{field}', a gofnodwyd ar yr haen fewnbwn fel ei {what}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="82" />
        <source>Field '{field}' is empty in {n} area(s): they are left out of its means.</source>
        <translation>Mae maes '{field}' yn wag mewn {n} ardal: fe’u gadewir allan o’i gymedrau.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="83" />
        <source>  {field}: local {local:.4g}, reference {reference:.4g}, difference {difference:.4g}, index {index:.0f}</source>
        <translation>  {field}: lleol {local:.4g}, cyfeirnod {reference:.4g}, gwahaniaeth {difference:.4g}, mynegai {index:.0f}</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="84" />
        <source>{n_local} local areas against {n_ref} reference areas; {how}. Index = 100 × local mean / reference mean; the most distinctive fields first.</source>
        <translation>{n_local} ardal leol yn erbyn {n_ref} ardal gyfeirio; {how}. Mynegai = 100 × cymedr lleol / cymedr cyfeirio; y meysydd mwyaf nodedig yn gyntaf.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="87" />
        <source>Area profiles (every ward or LSOA)</source>
        <translation>Proffiliau ardaloedd (pob ward neu LSOA)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="89" />
        <source>The (classified) Output Areas with the fields to compare (a layer; a table is enough with GROUP_FIELD).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="91" />
        <source>Instead of a group field: polygons (wards, LSOAs, catchments …); each area goes to the polygon containing its point on surface.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="92" />
        <source>The polygons' name or code field, used in the report and the pen portraits; every polygon field is kept in the output anyway.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="93" />
        <source>Weight of each area (population, households): needed for the default reference, the rate of the whole area; also the base of the cluster mix.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="95" />
        <source>Optional cluster field: each group's cluster mix (shares of the weight, or of the number of areas without one).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="97" />
        <source>Optional labels table (code, name …, as written by K-means) naming the clusters in the pen portraits.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="99" />
        <source>Optional variable lookup with VariableCode and VariableName: readable names of the fields in the pen portraits.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="103" />
        <source>Area profiles</source>
        <translation>Proffiliau ardaloedd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="101" />
        <source>One row per group (a table), or the group polygons with the figures: group, areas, weight, each field's value and _index or _diff, the cluster shares, pen_portrait.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="102" />
        <source>HTML report: the whole area's values, every group's table and pen portrait, with a chart of its indices (up to 60 groups).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="104" />
        <source>The whole area</source>
        <translation>Yr ardal gyfan</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="105" />
        <source>Every area</source>
        <translation>Pob ardal</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="110" />
        <source>Area profiles report</source>
        <translation>Adroddiad proffiliau ardaloedd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="112" />
        <source>{n_groups} groups of {n_areas} areas against the whole area, {n_fields} fields; {how}.</source>
        <translation>{n_groups} grŵp o {n_areas} ardal yn erbyn yr ardal gyfan, {n_fields} maes; {how}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="113" />
        <source>{n} areas against the whole area; {how}. Index = 100 × the area's value / the whole area's: above 100 higher, below 100 lower. The drafted pen portraits are a starting point for the officer's own words.</source>
        <translation>{n} ardal yn erbyn yr ardal gyfan; {how}. Mynegai = 100 × gwerth yr ardal / gwerth yr ardal gyfan: uwch na 100 yn uwch, is na 100 yn is. Man cychwyn i eiriau’r swyddog ei hun yw’r portreadau drafft.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="114" />
        <source>More than {n} areas: no chart per area.</source>
        <translation>Mwy na {n} ardal: dim siart fesul ardal.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="111" />
        <source>{v0} area(s) are in no group polygon: they count in the whole area but in no group.</source>
        <translation>Nid yw {v0} ardal mewn unrhyw bolygon grŵp: maent yn cyfrif yn yr ardal gyfan ond nid mewn unrhyw grŵp.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="115" />
        <source>polygon {n}</source>
        <translation>polygon {n}</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="116" />
        <source>{n} area(s) have no '{field}': they count in the whole area but in no group.</source>
        <translation>Nid oes gan {n} ardal '{field}': maent yn cyfrif yn yr ardal gyfan ond nid mewn unrhyw grŵp.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="117" />
        <source>index by field, {name}</source>
        <translation>mynegai fesul maes, {name}</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="118" />
        <source>{name} against the whole area</source>
        <translation>{name} yn erbyn yr ardal gyfan</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="451" />
        <source>0 none; 1 log(x+1) (Hull: add 1, then log); 2 inverse hyperbolic sine (OAC 2011/2021); 3 Box-Cox, fitted per field by maximum likelihood with λ bounded to -5..5, on the scale-free 100 × x / (largest value) + 1, so percentages and proportions get the same λ; values must be ≥ 0. Re-applied to new areas (Apply a saved classification), values outside the fitted range are clipped to it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="462" />
        <source>Box-Cox λ reached its bound (−5 or 5) for {fields}: the field is far from any power-normal shape; consider the inverse hyperbolic sine.</source>
        <translation>Cyrhaeddodd λ Box-Cox ei derfyn (−5 neu 5) ar gyfer {fields}: mae’r maes ymhell o unrhyw siâp pŵer-normal; ystyriwch y sin hyperbolig gwrthdro.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="229" />
        <source>Matches council records (service users, customers, survey answers …) to Output Areas through their postcode, then to the clusters of a classification. Postcodes are cleaned first (upper case, spaces fixed: 'se6  4ru' → 'SE6 4RU') and checked against the UK format. The lookup is an ONS Postcode Directory (ONSPD/NSPL) or any table of postcode and area code: its columns are recognised (pcds, pcd7, pcd8 …; doterm) unless you name them. Census year: with classified areas, the lookup's area column whose codes match the classification best is used (a 2011-based classification through oa11, a 2021-based one through oa21); each candidate's match rate is logged, and the run stops, naming the census-year mismatch, when none matches well. Terminated postcodes still match (old addresses are common) and are flagged. Records can also be matched by UPRN through a lookup with that key (e.g. the ONS UPRN Directory), and counted once per household, person or UPRN (UNIT_FIELD). Every record comes out once: matched, or unmatched with a reason (empty, invalid format, not in lookup, area not in classification). CSV and Excel files given as paths are read directly, which is much faster for the full ONSPD and copes with title rows above the header and Windows-1252 text.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="232" />
        <source>The records' postcode field. Any spacing or case is accepted. Needed unless the records are matched by UPRN (UPRN_FIELD).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="233" />
        <source>Match by address instead of postcode: the records' UPRN (or any numeric address key), joined through a lookup with the same key, such as the ONS UPRN Directory (UPRN, PCDS, OA21CD, LSOA21CD …). Leading zeros, spaces and a spreadsheet's '.0' are ignored. With POSTCODE_FIELD too, records whose UPRN is empty or not in the lookup are matched by postcode through the lookup's postcode column (matched_by says which).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="234" />
        <source>Household, person or UPRN id: each unit is counted once, however many records it has. The matched output has one row per unit (its first record in the area holding most of its records; ties: its first record's area) with unit_records and unit_areas; the log says how many records collapsed and how many units had records in more than one area. Records without an id count as separate units. Unmatched records stay one row per record.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="236" />
        <source>A postcode → area table: the ONS Postcode Directory or the National Statistics Postcode Lookup (CSV, read directly and fast) or a council lookup; with UPRN_FIELD, a UPRN → area table such as the ONS UPRN Directory.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="237" />
        <source>The lookup's postcode field (its UPRN field when matching by UPRN). Empty: recognised from the header (pcds, pcd8, pcd7, postcode …; UPRN).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="238" />
        <source>The lookup's area code field. Empty: with classified areas, the area column whose codes match the classification best (oa11, oa21, lsoa11 … each one's match rate is logged; the run stops, naming the census-year mismatch, when none matches well); without, the 2021 Output Area (oa21), else the 2011 one (oa11, OA11CD). A field chosen here is used, with a warning when another column matches better, and refused when it matches the classification poorly.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="243" />
        <source>The matched records: their own fields plus postcode_norm (cleaned postcode; uprn_norm when matched by UPRN), the area code, terminated (the postcode is terminated) and the cluster fields; with UNIT_FIELD, one row per unit with unit_records and unit_areas. A table (no geometry).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="246" />
        <source>chosen field</source>
        <translation>maes a ddewiswyd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="248" />
        <source>UPRN / address key field</source>
        <translation>Maes UPRN / allwedd cyfeiriad</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="249" />
        <source>Unit field (count once)</source>
        <translation>Maes uned (cyfrif unwaith)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="250" />
        <source>Lookup postcode (or UPRN) field</source>
        <translation>Maes cod post (neu UPRN) y tabl chwilio</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="254" />
        <source>area</source>
        <translation>ardal</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="255" />
        <source>No classified areas: the area field is not checked against a classification's census year.</source>
        <translation>Dim ardaloedd wedi’u dosbarthu: ni wirir maes yr ardal yn erbyn blwyddyn cyfrifiad dosbarthiad.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="256" />
        <source>Units ('{unit}'): {records} records are {units} units; {collapsed} record(s) collapsed (each unit counted once).</source>
        <translation>Unedau ('{unit}'): {records} cofnod yw {units} uned; {collapsed} cofnod wedi’u cyfuno (pob uned yn cyfrif unwaith).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="259" />
        <source>Lookup fields: key '{pc}', area '{area}', terminated {v2}.</source>
        <translation>Meysydd y tabl chwilio: allwedd '{pc}', ardal '{area}', wedi’i derfynu {v2}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="260" />
        <source>Census year check: records linked to the classification ('{area_id}') through each area column of the lookup:</source>
        <translation>Gwirio blwyddyn y cyfrifiad: cofnodion a gysylltwyd â’r dosbarthiad ('{area_id}') drwy bob colofn ardal yn y tabl chwilio:</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="261" />
        <source>Area field used: '{area}' ({how}).</source>
        <translation>Maes ardal a ddefnyddiwyd: '{area}' ({how}).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="263" />
        <source>{n} unit(s) have records in more than one {place} (e.g. {examples}): each is counted once, in the {place} holding most of its records (ties: its first record's); {moved} of their record(s) are not counted elsewhere. See unit_areas.</source>
        <translation>Mae gan {n} uned gofnodion mewn mwy nag un {place} (e.e. {examples}): mae pob un yn cyfrif unwaith, yn y {place} sydd â’r rhan fwyaf o’i chofnodion (os yn gyfartal: un ei chofnod cyntaf); ni chyfrifir {moved} o’u cofnodion yn unman arall. Gweler unit_areas.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="264" />
        <source>{n} record(s) have no '{unit}': each is counted as a separate unit.</source>
        <translation>Nid oes gan {n} cofnod '{unit}': mae pob un yn cyfrif fel uned ar wahân.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="265" />
        <source>Matched by UPRN: {uprn}; by postcode (no UPRN match): {pc}.</source>
        <translation>Wedi’u paru yn ôl UPRN: {uprn}; yn ôl cod post (dim cyfatebiaeth UPRN): {pc}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="269" />
        <source>The lookup has no postcode field: records whose UPRN does not match are not tried by postcode.</source>
        <translation>Nid oes gan y tabl chwilio faes cod post: ni roddir cynnig ar gofnodion nad yw eu UPRN yn cyfateb yn ôl cod post.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="270" />
        <source>{n_index} UPRNs in the lookup index.</source>
        <translation>{n_index} UPRN ym mynegai’r tabl chwilio.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="275" />
        <source>  {column} ({label}): {matched} of {in_lookup} records ({rate}); {coverage:.1f} % of the classification's codes in the column.</source>
        <translation>  {column} ({label}): {matched} o {in_lookup} cofnod ({rate}); {coverage:.1f} % o godau’r dosbarthiad yn y golofn.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="276" />
        <source>chosen</source>
        <translation>a ddewiswyd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="277" />
        <source>best match</source>
        <translation>cyfatebiaeth orau</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="278" />
        <source>{n} postcode(s) of the UPRN lookup have addresses in more than one area: a record matched by postcode gets the area of the postcode's first live address.</source>
        <translation>Mae gan {n} cod post yn y tabl chwilio UPRN gyfeiriadau mewn mwy nag un ardal: mae cofnod a barwyd yn ôl cod post yn cael ardal cyfeiriad byw cyntaf y cod post.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="279" />
        <source>{v0} lookup UPRN(s) are not 1 to 12 digits, e.g. {v1}.</source>
        <translation>Nid yw {v0} UPRN yn y tabl chwilio yn 1 i 12 digid, e.e. {v1}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="373" />
        <source>Household, person or UPRN id: each unit counts once, in the cluster holding most of its records (ties: its first record's), with that record's indicator values and weight; the log says how many records collapsed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="419" />
        <source>cluster</source>
        <translation>clwstwr</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="486" />
        <source>Finds the areas to target: the areas of clusters where a service's customers are over-represented (index ≥ MIN_INDEX), ranked by the estimated number of households not yet using the service: households × (1 − penetration / 100), with the penetration of the area's cluster. The figures come from a profile table ('Profile records by cluster', its 'all' rows, base = households) or are computed here from the matched records with the areas' households as the base. Clusters whose profile cells were suppressed are not targeted. Where the service's observed use per area is known (OBSERVED_FIELD, or the matched records counted per area with RECORDS_AREA_FIELD), the areas are ranked on observed non-users instead: households − observed users (an area where 18 households already use the service is not ranked as if the cluster's average, 10.1, did); or, by choice, on the gap to the cluster's expected use (estimated − observed users: where the service reaches fewer households than in similar areas). The log and the output's 'ranking' field say which ranking was used. The output keeps the areas' geometry and fields and adds penetration, index, est_users, est_non_users (with observed use: observed_users, observed_non_users, gap), ranking and rank.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="493" />
        <source>Users of the service already seen in each area (households or people, as the households field). Given: the areas are ranked on observed use (RANK_BY).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="494" />
        <source>Count the matched records (or units, with UNIT_FIELD) in each area as its observed use: the records' area code field (e.g. oa21), matched to the areas' AREA_ID_FIELD.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="495" />
        <source>The areas' code field, to count the records per area. Empty: the first field named like a code.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="496" />
        <source>Household, person or UPRN id in the records: each unit counts once (in the area, else the cluster, holding most of its records); the log says how many records collapsed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="497" />
        <source>With observed use: rank on the households not yet using the service, or on how far the area falls short of the use its cluster's penetration expects. Without observed use the ranking is on estimated non-users.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="501" />
        <source>The areas of the targeted clusters, top-ranked first (estimated non-users; with observed use, observed non-users or the gap), with penetration, index, est_users, est_non_users (observed_users, observed_non_users, gap), ranking (what the rank is on) and rank.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="506" />
        <source>Observed users field (areas)</source>
        <translation>Maes defnyddwyr a welwyd (ardaloedd)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="507" />
        <source>Records' area code field (count observed use)</source>
        <translation>Maes cod ardal y cofnodion (cyfrif y defnydd a welwyd)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="508" />
        <source>Areas' code field</source>
        <translation>Maes cod yr ardaloedd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="509" />
        <source>Rank on (with observed use)</source>
        <translation>Rhestru yn ôl (gyda’r defnydd a welwyd)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="512" />
        <source>No observed use given (OBSERVED_FIELD or RECORDS with RECORDS_AREA_FIELD): ranked on the cluster's average take-up.</source>
        <translation>Dim defnydd a welwyd wedi’i roi (OBSERVED_FIELD neu RECORDS gyda RECORDS_AREA_FIELD): wedi’u rhestru yn ôl defnydd cyfartalog y clwstwr.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="514" />
        <source>Ranking: {ranking}.</source>
        <translation>Rhestru: {ranking}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="516" />
        <source>Observed use: {n} record(s) counted per area ('{rec_area}' → '{area_id}').</source>
        <translation>Defnydd a welwyd: {n} cofnod wedi’u cyfrif fesul ardal ('{rec_area}' → '{area_id}').</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="517" />
        <source>Observed non-users (households − observed users)</source>
        <translation>Y rhai nad ydynt yn defnyddio a welwyd (aelwydydd − defnyddwyr a welwyd)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="518" />
        <source>Gap to the cluster's expected use (estimated − observed users)</source>
        <translation>Bwlch i ddefnydd disgwyliedig y clwstwr (amcangyfrif − defnyddwyr a welwyd)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="520" />
        <source>Observed: {users:.0f} users, {non:.0f} non-user households in the target areas.</source>
        <translation>A welwyd: {users:.0f} defnyddiwr, {non:.0f} aelwyd nad ydynt yn defnyddio yn yr ardaloedd targed.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="521" />
        <source>Observed use: the areas' field '{field}'.</source>
        <translation>Defnydd a welwyd: maes yr ardaloedd '{field}'.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="522" />
        <source>{n} record(s) have an area code not among the areas (or none): not counted as observed use.</source>
        <translation>Mae gan {n} cofnod god ardal nad yw ymhlith yr ardaloedd (neu ddim cod): heb eu cyfrif fel defnydd a welwyd.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="159" />
        <source>Cluster stability</source>
        <translation>Sefydlogrwydd clystyrau</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="161" />
        <source>stability (ARI) {ari:.3f}, weakest cluster (Jaccard) {weakest:.3f}, {stable} of {k} clusters stable; </source>
        <translation>sefydlogrwydd (ARI) {ari:.3f}, clwstwr gwannaf (Jaccard) {weakest:.3f}, {stable} o {k} clwstwr yn sefydlog; </translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="165" />
        <source>repeatability of the search {repeat:.3f}</source>
        <translation>ailadroddadwyedd y chwilio {repeat:.3f}</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="164" />
        <source>{resamples} times, 80 % of the areas drawn at random were clustered afresh ({runs} k-means runs each) and compared with the solution on all areas. The line is the mean adjusted Rand index; each dot is one cluster's mean Jaccard similarity with its best match (Hennig's clusterboot): below 0.6 the cluster dissolves, 0.6-0.75 it shows a pattern but its membership is doubtful, from 0.75 it is stable and from 0.85 highly stable. The repeatability of the search (do differently seeded runs on the same areas agree?) is not stability: it can be near 1 on random noise.</source>
        <translation>{resamples} o weithiau, cafodd 80 % o’r ardaloedd a dynnwyd ar hap eu clystyru o’r newydd ({runs} rhediad k-cymedr yr un) a’u cymharu â’r datrysiad ar yr holl ardaloedd. Y llinell yw’r mynegai Rand wedi’i addasu cymedrig; pob dot yw tebygrwydd Jaccard cymedrig un clwstwr â’i gyfatebiaeth orau (clusterboot Hennig): o dan 0.6 mae’r clwstwr yn ymddatod, 0.6-0.75 mae’n dangos patrwm ond mae ei aelodaeth yn amheus, o 0.75 mae’n sefydlog ac o 0.85 yn sefydlog iawn. Nid sefydlogrwydd yw ailadroddadwyedd y chwilio (a yw rhediadau â hadau gwahanol ar yr un ardaloedd yn cytuno?): gall fod yn agos at 1 ar sŵn ar hap.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="282" />
        <source>Classifies the areas into K clusters: the best (lowest total within-cluster sum of squares) of RUNS k-means runs, each started by k-means++ and finished with Hartigan's single-point moves, so it reaches solutions at least as good as R's Hartigan-Wong. Clusters are numbered 1..K from the largest. Writes the cluster code to each area, a table of cluster centres with size, within-cluster sum of squares and stability, and a model file (JSON: fields, standardisation, centres, seed, software versions) that 'Apply a saved classification' uses to classify new or updated areas. Cluster stability (as R's clusterboot): RESAMPLES times, 80 % of the areas drawn at random are clustered afresh and each cluster is matched with its most similar new cluster; its mean Jaccard similarity reads: below 0.6 not stable (it dissolves), 0.6-0.75 a pattern whose membership is doubtful, 0.75 stable, 0.85 highly stable. The log also gives the repeatability of the search (do differently seeded batches of runs agree on the same areas?), which is not cluster stability.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="290" />
        <source>One row per cluster: code, size, within-cluster sum of squares, stability (mean Jaccard over the resamples, how many times the cluster dissolved, and its reading) and the centre on every variable.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="298" />
        <source>Repeatability of the search (mean adjusted Rand index between the best solutions of differently seeded batches of runs; not cluster stability): {value:.3f}</source>
        <translation>Ailadroddadwyedd y chwilio (mynegai Rand wedi’i addasu cymedrig rhwng datrysiadau gorau sypiau o rediadau â hadau gwahanol; nid sefydlogrwydd clystyrau): {value:.3f}</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="300" />
        <source>Cluster stability over {resamples} resamples of 80 % of the areas: mean adjusted Rand index with the full solution {ari:.3f}; {stable} of {k} clusters stable (mean Jaccard 0.75 or more).</source>
        <translation>Sefydlogrwydd clystyrau dros {resamples} ailsampl o 80 % o’r ardaloedd: mynegai Rand wedi’i addasu cymedrig â’r datrysiad llawn {ari:.3f}; {stable} o {k} clwstwr yn sefydlog (Jaccard cymedrig 0.75 neu fwy).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="302" />
        <source>Cluster {code} ({size} areas): mean Jaccard {jaccard:.3f}, {reading}; dissolved in {dissolved} of {resamples} resamples.</source>
        <translation>Clwstwr {code} ({size} ardal): Jaccard cymedrig {jaccard:.3f}, {reading}; wedi ymddatod mewn {dissolved} o {resamples} ailsampl.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="444" />
        <source>Stability resamples (0: skip)</source>
        <translation>Ailsamplau sefydlogrwydd (0: hepgor)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="445" />
        <source>K-means runs per stability resample</source>
        <translation>Rhediadau k-cymedr fesul ailsampl sefydlogrwydd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="446" />
        <source>Cluster stability: not measured (RESAMPLES is 0).</source>
        <translation>Sefydlogrwydd clystyrau: heb ei fesur (RESAMPLES yw 0).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="447" />
        <source>Cluster stability: {resamples} resamples of {pct:.0f} % of the areas, each clustered afresh with {runs} k-means runs.</source>
        <translation>Sefydlogrwydd clystyrau: {resamples} ailsampl o {pct:.0f} % o’r ardaloedd, pob un wedi’i glystyru o’r newydd gyda {runs} rhediad k-cymedr.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="448" />
        <source>The stability resamples may take about {minutes:.0f} minute(s) more (rough estimate). Fewer RESAMPLES or RESAMPLE_RUNS are faster; 0 skips them.</source>
        <translation>Gall yr ailsamplau sefydlogrwydd gymryd tua {minutes:.0f} munud yn rhagor (amcangyfrif bras). Mae llai o RESAMPLES neu RESAMPLE_RUNS yn gyflymach; mae 0 yn eu hepgor.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="8" />
        <source>Counts the records (service users, incidents, applications, house sales …) in each area and, for a value field (an amount, a price, an energy rating), gives the statistics chosen: sum (default), mean, median, minimum, maximum, weighted mean (by a weight field) and the distinct count of a field (households, UPRNs). A value that is text is refused naming its row; an empty value is left out of its area's statistics, counted in &lt;prefix&gt;n_values and reported in the log. Divides the sum (or the count) by a base such as the population to give a rate per PER (1,000 by default). The records are a table with an area code (e.g. the output of 'Join records to areas by postcode') or a point layer, each point counted in the area polygon containing it. Every area comes out, with 0 where there are no records; the area geometries are kept, ready for a choropleth map. Disclosure control: counts from 1 to MIN_COUNT − 1, the counts that would give them away from the total, and the sums and rates made from them, are blanked and flagged; or counts are rounded to 5 (DISCLOSURE).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="21" />
        <source>Disclosure control: counts above 0 and below this (with their sum and rate) are blanked, and so are the counts that would give them away from the total; zeros are shown. 0 shows everything.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="41" />
        <source>Fewer than {min_count} records in all.</source>
        <translation>Llai na {min_count} cofnod i gyd.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="42" />
        <source>{v0} records in {n_count} areas.</source>
        <translation>{v0} cofnod mewn {n_count} ardal.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="69" />
        <source>Disclosure control for fields that count people or records (whole numbers): when their local (or reference) total is 1 to this minus 1, the local (or reference) figures are blanked. 0 shows everything.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="167" />
        <source>Describes larger areas (wards, LSOAs, MSOAs, neighbourhoods, service catchments) by the clusters of their Output Areas: the share of each cluster (pct_&lt;cluster&gt;), the total, the number of areas and the dominant cluster. The groups are a field of the areas (GROUP_FIELD, e.g. the ward name) or a polygon layer (GROUPS): each area then belongs to the polygon containing its point on surface (the polygons are compared in a common CRS, reprojected when needed) and the output is the polygons with the shares. Shares count areas, or add up a weight such as population or households. When the weight counts people or records, MIN_COUNT and DISCLOSURE protect them (README, 'Disclosure control').</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="174" />
        <source>Disclosure control when the weight counts records (e.g. customers): shares of 1 to this minus 1 records are blanked, with the shares that would give them away through the group totals and the cluster totals; zeros are shown. 0 (default) shows everything, fine for census counts.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="209" />
        <source>Suppress (default): counts of 1 to MIN_COUNT − 1 are hidden, with every figure made from them, and further cells are hidden so that none of them can be worked out from the totals, the other levels, the indicator values or the percentages shown; zeros are shown as 0 (a true zero tells nothing about a person). Round: every count, and every total, is rounded to the nearest 5 and the percentages and rates are computed from the rounded counts (nothing is hidden; small counts may show as 0 or 5). See the README, 'Disclosure control'.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="210" />
        <source>Disclosure control</source>
        <translation>Rheoli datgelu</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="211" />
        <source>Disclosure control: {primary} cell(s) of 1 to {top:g} records suppressed (primary) and {secondary} more suppressed so that they cannot be worked out from the totals, levels, indicator values or percentages (secondary); zeros are shown as 0, a true zero being not disclosive.</source>
        <translation>Rheoli datgelu: {primary} cell o 1 i {top:g} cofnod wedi’u cuddio (cynradd) a {secondary} arall wedi’u cuddio fel na ellir eu cyfrifo o’r cyfansymiau, y lefelau, gwerthoedd y dangosydd na’r canrannau (eilaidd); dangosir sero fel 0, gan nad yw gwir sero yn datgelu dim.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="212" />
        <source>Disclosure control: counts rounded to the nearest {base}; percentages and rates computed from the rounded counts.</source>
        <translation>Rheoli datgelu: cyfrifon wedi’u talgrynnu i’r {base} agosaf; canrannau a chyfraddau wedi’u cyfrifo o’r cyfrifon wedi’u talgrynnu.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="213" />
        <source>Disclosure control: off (minimum count {m:g}): every count is shown.</source>
        <translation>Rheoli datgelu: i ffwrdd (isafswm cyfrif {m:g}): dangosir pob cyfrif.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="331" />
        <source>Disclosure control of the population figures (when the population field counts people or records such as customers): a cluster total of 1 to this minus 1 is left out of its page, with the totals that would give it away. 0 shows everything.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="379" />
        <source>Disclosure control: a cell of 1 to this minus 1 records has its count, shares, penetration, index and interval blanked, and so do the cells that would give it away; zeros are shown as 0. 0 or 1 shows everything.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="397" />
        <source>suppressed (pooled)</source>
        <translation>wedi’u cuddio (wedi’u cronni)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="423" />
        <source>Counts are rounded to the nearest 5 and the figures computed from the rounded counts.</source>
        <translation>Mae’r cyfrifon wedi’u talgrynnu i’r 5 agosaf a’r ffigurau wedi’u cyfrifo o’r cyfrifon wedi’u talgrynnu.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="433" />
        <source>{n_records} records against a base of {v1} in {n_areas} areas. Index = 100 × share of records / share of base; over 100 means more records than expected.</source>
        <translation>{n_records} cofnod yn erbyn sylfaen o {v1} mewn {n_areas} ardal. Mynegai = 100 × cyfran y cofnodion / cyfran y sylfaen; mae dros 100 yn golygu mwy o gofnodion na’r disgwyl.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="434" />
        <source>Cells of 1 to {top} records are suppressed, with the cells that would give them away ({v4} cells in all); zeros are shown as 0.</source>
        <translation>Mae celloedd o 1 i {top} cofnod wedi’u cuddio, gyda’r celloedd a fyddai’n eu datgelu ({v4} cell i gyd); dangosir sero fel 0.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="499" />
        <source>When the profile is computed here: clusters of 1 to this minus 1 records, and those that would give them away, are suppressed and not targeted. With observed use: observed users per area of 1 to this minus 1 (and those that would give them away) are blanked.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="511" />
        <source>Observed use</source>
        <translation>Defnydd a welwyd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="523" />
        <source>Profile of {n_records} records against '{households}'.</source>
        <translation>Proffil o {n_records} cofnod yn erbyn '{households}'.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="88" />
        <source>'Know your area' for every area at once: each ward, LSOA, MSOA or drawn polygon against the whole area. The groups are a field of the areas (GROUP_FIELD, e.g. the ward code) or a polygon layer (GROUPS): each area then belongs to the polygon containing its point on surface. For each group and chosen field: its value and its index 100 × value / whole area (&lt;field&gt;_index), or for a field with negative values its difference (&lt;field&gt;_diff). The whole area is every input area. By default the values are the rate of each group and of the whole area (means weighted by population or households, the weight field); the unweighted mean of the areas' values is an option. With a cluster field, each group's cluster mix (pct_&lt;cluster&gt;, dominant). Each group gets a drafted pen portrait ('Compared with the whole area, Riverside has many more … and fewer …') from its most distinctive fields, to be rewritten by the officer. Output: one row per group (or the group polygons with the figures) and an HTML report. Fields that count people or records (whole numbers) are protected: a group whose total is 1 to MIN_COUNT − 1 has its figures blanked, with other groups' so that none can be worked out from the whole area's figure, or the counts are rounded to the nearest 5 (DISCLOSURE).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="94" />
        <source>Disclosure control for fields that count people or records (whole numbers): a group whose total is 1 to this minus 1 has the field's value and index blanked, and further groups are blanked so that none can be worked out from the whole area's value and the other groups; the cluster mix too when the weight counts people. 0 shows everything.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="368" />
        <source>Compares the cluster mix of a file of records (matched by 'Join records to areas by postcode') with the cluster mix of a base: the number of areas in each cluster, or the sum of a base field such as households or population. For each cluster: the records' count and share (pct), the base and its share (base_pct), the penetration (records per 100 base units) and the index 100 × pct / base_pct: over 100 means more records than expected. The index has a 95 % confidence interval (log scale, delta method, the base share taken as fixed, Wilson where a cluster has no records or all of them; or Wilson or exact throughout; survey weights use the linearised variance of R survey::svymean); 'significant' when the interval excludes 100, and 'significant_adjusted' when the flag survives the Benjamini-Hochberg (or Holm) adjustment for the number of cells tested. Indicator fields (e.g. 'quit at 4 weeks') give one profile per value. An outcome field gives the rate in each group (e.g. % satisfied) with its interval and a test against the rest of the area. A labels table adds each group's name and colour. The optional Mosaic-layout table lays each level out as the Mosaic Public Sector table (group, name, count, %, base count, %, penetration %, index) ending with a Total row. Disclosure control: cells of 1 to MIN_COUNT − 1 records, and the cells that would give them away through the totals, levels or indicator values, have their counts and every figure made from them blanked ('suppressed'); zeros are shown; or counts are rounded to 5 (DISCLOSURE). The optional report charts the index by cluster and, for surveys, tests whether there is evidence that the sample's cluster mix differs from the population's (chi-square, simulated p-value for small samples, Cramér's V).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="381" />
        <source>0 log scale (Katz et al. 1978), with the Wilson score interval for a group with no records or with every record, where the log interval does not exist or has no width; 1 Wilson score interval of the share; 2 exact (Clopper-Pearson). Each gives the p-value of the test it inverts.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="382" />
        <source>Every shown cell (levels × groups × indicator values) is one test: about 5 % of cells with no real difference are flagged at 95 %. 0 Benjamini-Hochberg (controls the share of false flags), 1 Holm (controls the chance of any false flag), 2 none. 'significant' is the unadjusted flag, 'significant_adjusted' the one that survives; 'p_value' and 'p_adjusted' are given.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="383" />
        <source>Optional labels table (code, name, colour …, as written by K-means or edited by you) giving each group its name and colour in the outputs and the report.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="384" />
        <source>Optional survey outcome (e.g. satisfied yes/no): its rate in each group, with an interval and a test against the rest of the area (OUTPUT_RATES).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="385" />
        <source>The value of the outcome field that counts (e.g. 'Very satisfied'). Empty: the field must be yes/no (yes, y, true, 1 against no, n, false, 0).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="386" />
        <source>0 Wilson score interval (holds for small groups and rates near 0 or 100 %); 1 Wald (normal approximation, as R survey's confint).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="389" />
        <source>One row per level, indicator and cluster: cluster, name, records, count, pct, base, base_pct, penetration, index, index_low, index_high, significant, suppressed, p_value, p_adjusted, significant_adjusted, colour.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="390" />
        <source>Profile table (Mosaic layout)</source>
        <translation>Tabl proffil (cynllun Mosaic)</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="391" />
        <source>Optional: the profile as the Mosaic Public Sector table lays it out, for every level and indicator: group, name, count, pct, base_count, base_pct, penetration_pct, index, each block ending with its Total row (the whole count and base, penetration of the area, index 100).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="392" />
        <source>Outcome rates by group</source>
        <translation>Cyfraddau canlyniad fesul grŵp</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="393" />
        <source>Optional (with an outcome field): one row per level and group: records, positive, rate (%), rate_low, rate_high, area_rate, difference, p_value, p_adjusted, significant, significant_adjusted, suppressed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="403" />
        <source>Interval of the index</source>
        <translation>Cyfwng y mynegai</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="404" />
        <source>Multiple-testing adjustment</source>
        <translation>Addasiad profion lluosog</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="405" />
        <source>Outcome field</source>
        <translation>Maes canlyniad</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="406" />
        <source>Outcome value</source>
        <translation>Gwerth canlyniad</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="407" />
        <source>Interval of the rates</source>
        <translation>Cyfwng y cyfraddau</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="411" />
        <source>Cells tested</source>
        <translation>Celloedd a brofwyd</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="412" />
        <source>Cells significant after adjustment</source>
        <translation>Celloedd arwyddocaol ar ôl addasu</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="413" />
        <source>{tested} cell(s) tested against an index of 100 at {level:g} % (every shown cell of every level and indicator): {raw} significant before adjustment, {adj} after {method}. If no cell really differed, about {expected:.1f} of the {tested} would still be flagged by chance without adjustment.</source>
        <translation>{tested} cell wedi’u profi yn erbyn mynegai o 100 ar {level:g} % (pob cell a ddangosir o bob lefel a dangosydd): {raw} yn arwyddocaol cyn addasu, {adj} ar ôl {method}. Pe na bai unrhyw gell yn wahanol mewn gwirionedd, byddai tua {expected:.1f} o’r {tested} yn dal i gael eu nodi ar hap heb addasu.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="414" />
        <source>Read 'significant_adjusted' (and 'p_adjusted') for the flags that survive; 'significant' is the unadjusted flag of each cell on its own.</source>
        <translation>Darllenwch 'significant_adjusted' (a 'p_adjusted') am y baneri sy’n goroesi; 'significant' yw baner heb ei haddasu pob cell ar ei phen ei hun.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="415" />
        <source>Index with its interval, p-values and flags:</source>
        <translation>Mynegai gyda’i gyfwng, gwerthoedd p a baneri:</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="417" />
        <source>Wilson score</source>
        <translation>Sgôr Wilson</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="418" />
        <source>Wald</source>
        <translation>Wald</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="421" />
        <source>No outcome field: the rates output is not written.</source>
        <translation>Dim maes canlyniad: nid ysgrifennir allbwn y cyfraddau.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="422" />
        <source>Rates: {tested} group(s) tested against the rest of the area, {raw} significant, {adj} after adjustment ({method}).</source>
        <translation>Cyfraddau: {tested} grŵp wedi’u profi yn erbyn gweddill yr ardal, {raw} yn arwyddocaol, {adj} ar ôl addasu ({method}).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="425" />
        <source>{n} record(s) have no '{field}' and are left out of the rates.</source>
        <translation>Nid oes gan {n} cofnod '{field}' ac fe’u gadewir allan o’r cyfraddau.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="426" />
        <source>Rate of '{field}' in the whole area ({level}): {rate:.1f} % of {n} records.</source>
        <translation>Cyfradd '{field}' yn yr ardal gyfan ({level}): {rate:.1f} % o {n} cofnod.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="427" />
        <source>Rate of '{field}' by group</source>
        <translation>Cyfradd '{field}' fesul grŵp</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="428" />
        <source>The rate in each group with its {level:g} % interval ({method}), against the rest of the area: {tested} group(s) tested, {raw} significant, {adj} after adjustment ({adjust}).</source>
        <translation>Y gyfradd ym mhob grŵp gyda’i chyfwng {level:g} % ({method}), yn erbyn gweddill yr ardal: {tested} grŵp wedi’u profi, {raw} yn arwyddocaol, {adj} ar ôl addasu ({adjust}).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="142" />
        <source>Labels table: {e}</source>
        <translation>Tabl labeli: {e}</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="435" />
        <source>{level}: whole area {rate:.1f} % of {n} records.</source>
        <translation>{level}: yr ardal gyfan {rate:.1f} % o {n} cofnod.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="436" />
        <source>No evidence that the sample's mix of '{level}' differs from the base at the 5 % level (which does not show that it matches).</source>
        <translation>Dim tystiolaeth bod cymysgedd '{level}' y sampl yn wahanol i’r sylfaen ar y lefel 5 % (nid yw hyn yn dangos ei fod yn cyfateb).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="437" />
        <source>Evidence that the sample's mix of '{level}' differs from the base at the 5 % level.</source>
        <translation>Tystiolaeth bod cymysgedd '{level}' y sampl yn wahanol i’r sylfaen ar y lefel 5 %.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="438" />
        <source>Effect size: Cramér's V = {v:.3f} (0: exactly the base's mix; 1: every record in one cluster).</source>
        <translation>Maint yr effaith: V Cramér = {v:.3f} (0: union gymysgedd y sylfaen; 1: pob cofnod mewn un clwstwr).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="439" />
        <source>Representativeness: chi-square {v0:.2f}, p = {v1:.4f}, Cramér's V {v2:.3f}: {v3}.</source>
        <translation>Cynrychioldeb: chi-sgwâr {v0:.2f}, p = {v1:.4f}, V Cramér {v2:.3f}: {v3}.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="441" />
        <source>Chi-square = {statistic:.2f}, {dof} d.f., p = {p:.4f} ({method}).</source>
        <translation>Chi-sgwâr = {statistic:.2f}, {dof} g.r., p = {p:.4f} ({method}).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="442" />
        <source>Most over-represented: {over} ({d_over:+.1f} points); most under-represented: {under} ({d_under:+.1f} points).</source>
        <translation>Wedi’i gor-gynrychioli fwyaf: {over} ({d_over:+.1f} pwynt); wedi’i dan-gynrychioli fwyaf: {under} ({d_under:+.1f} pwynt).</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="443" />
        <source>{n} cell(s) expect fewer than 5 records: the p-value is simulated, not from the chi-square distribution.</source>
        <translation>Mae {n} cell yn disgwyl llai na 5 cofnod: efelychir y gwerth p, nid yw’n dod o’r dosraniad chi-sgwâr.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="121" />
        <source>How much effort to spend (at most 10,000): with the search strategy, at most 4 × RUNS k-means local searches (it stops earlier when 2 × RUNS in a row find nothing better); with best of runs, RUNS independent runs. The solution with the lowest total within-cluster sum of squares is kept, and the log says how many local optima were seen, how many were distinct and how often the best was reached. The 2011 OAC kept the best of 10,000 runs; Barking &amp; Dagenham the best of 1,000. A long run is announced in the log with its estimated time.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="123" />
        <source>0 search: on up to 10,000 areas a hybrid genetic search (after HG-means, Gribel &amp; Vidal 2019): a population of k-means local optima (Lloyd, then Hartigan moves to a fixed point), children made by combining two solutions' centres, the best distinct kept. On Barking &amp; Dagenham it reached the best known solution from each of 20 seeds, faster than R's best of 1,000. Above 10,000 areas: cheap k-means++ starts on samples of the areas, the best distinct refined on all areas. 1 best of RUNS independent runs, each finished with Hartigan moves (the 2011 OAC's approach). Both use all the processor's cores, and the result does not depend on how many there are.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="296" />
        <source>Search: {searches} local optima, {distinct} distinct; the best was reached {hits} time(s).</source>
        <translation>Chwilio: {searches} optimwm lleol, {distinct} gwahanol; cyrhaeddwyd y gorau {hits} o weithiau.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="175" />
        <source>Optional labels table (code, name, colour …, as written by K-means or edited by you): the dominant cluster's name goes in dominant_name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="177" />
        <source>One row per group (a table), or the group polygons with the shares: areas, total, pct_&lt;cluster&gt;, dominant, dominant_name (with a labels table), dominant_pct, suppressed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="214" />
        <source>Disclosure control cannot protect this output: {n} small count(s) could still be worked out from the totals whatever else is hidden (the counts are too sparse), so nothing was written. Round the counts to 5 instead (DISCLOSURE), use larger groups, or set MIN_COUNT to 0 for an internal output that will not be published.</source>
        <translation>Ni all rheoli datgelu ddiogelu’r allbwn hwn: gellid dal i gyfrifo {n} cyfrif bach o’r cyfansymiau beth bynnag arall a guddir (mae’r cyfrifon yn rhy denau), felly ni ysgrifennwyd dim. Talgrynnwch y cyfrifon i 5 yn lle hynny (DISCLOSURE), defnyddiwch grwpiau mwy, neu gosodwch MIN_COUNT i 0 ar gyfer allbwn mewnol na chaiff ei gyhoeddi.</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="147" />
        <source>Runs k-means for every k in a range (Hull ran 3 to 10) and scores each solution: total within-cluster sum of squares (look for the elbow), silhouette (higher is better), Calinski-Harabasz (higher), Davies-Bouldin (lower), the smallest and largest cluster, and cluster stability: RESAMPLES times, 80 % of the areas drawn at random are clustered afresh and compared with the solution on all areas (as R's clusterboot does). 'stability' is the mean adjusted Rand index (1 = the same clusters every time); 'weakest_jaccard' is the lowest mean Jaccard similarity of any cluster with its best match (below 0.6 a cluster dissolves, 0.6-0.75 a pattern whose membership is doubtful, 0.75 stable, 0.85 highly stable); 'stable_clusters' counts the clusters at 0.75 or more. 'search_repeatability' only says whether differently seeded batches of runs found the same optimum on the same data: it can be near 1 on random noise and is not a measure of cluster stability. 'searches', 'distinct_optima' and 'best_reached' say how many local optima the search saw for each k, how many were distinct and how often the best was reached (reached once: more RUNS may find better). The HTML report charts the scores and the stability and draws a clustergram of how areas split as k grows. No single score decides: choose k that is stable, interpretable and useful to the council.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="163" />
        <source>search: {searches} local optima, {distinct} distinct, the best reached {hits} time(s)</source>
        <translation>chwilio: {searches} optimwm lleol, {distinct} gwahanol, cyrhaeddwyd y gorau {hits} o weithiau</translation>
    </message>
    <message>
        <location filename="../build/i18n/strings.py" line="156" />
        <source>The values of k ran in worker processes, one per processor core.</source>
        <translation>Rhedodd gwerthoedd k mewn prosesau gweithiwr, un i bob craidd prosesydd.</translation>
    </message>
</context>
</TS>