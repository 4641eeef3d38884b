package dev.macula.query.search;

import dev.macula.api.common.Futures;
import dev.macula.api.search.SearchFields;
import dev.macula.api.search.SearchMessages.SearchInstancesQuery;
import dev.macula.api.search.SearchMessages.SearchStudiesQuery;
import dev.macula.api.search.SearchMessages.SearchSpec;
import dev.macula.query.imaging.ImagingReader;
import dev.macula.query.imaging.ImagingViews.InstanceView;
import dev.macula.query.search.SearchResponses.InstanceSearchResponse;
import dev.macula.query.search.SearchResponses.StudySearchResponse;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import dev.macula.query.imaging.ImagingViews.StudyView;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Instance and study search: Elasticsearch decides which ids match and in what order; the page is
 * then rendered from the PostgreSQL read models, so what is shown is always current and exactly
 * the shape of {@code GET /instances/{id}} (docs/api.md §4.4, docs/api.md §4.5).
 */
@Component
class SearchQueryHandler {

    private final SearchPager pager;
    private final ImagingReader imaging;
    private final ParallelReads parallel;

    SearchQueryHandler(SearchPager pager, ImagingReader imaging, ParallelReads parallel) {
        this.pager = pager;
        this.imaging = imaging;
        this.parallel = parallel;
    }

    @QueryHandler
    InstanceSearchResponse handle(SearchInstancesQuery query) {
        SearchSpec spec = query.spec();
        long start = System.nanoTime();
        SearchPager.Page page = pager.page(SearchFields.INSTANCES_INDEX,
                SearchQueryTranslator.instances(spec.conditions(), spec.attributeConditions()), spec);
        long searched = System.nanoTime();
        InstancePage rendered = parallel.available() ? renderConcurrently(page.ids()) : render(page.ids());
        return new InstanceSearchResponse(rendered.instances(), rendered.studies(), spec.limit(), spec.page(),
                page.count(), rendered.instances().stream().map(InstanceView::id).toList(), page.hasMore(),
                timing(start, searched, System.nanoTime()));
    }

    /** The images found, in the search's order, and their studies in order of first appearance. */
    private record InstancePage(List<InstanceView> instances, List<StudyView> studies) {
    }

    private InstancePage render(List<Long> ids) {
        List<InstanceView> instances = ordered(ids, imaging.instances(ids, true, ImagingReader.Extras.NONE));
        return new InstancePage(instances, imaging.studies(studiesOf(instances)));
    }

    /**
     * The same page with its seven reads at once: the images (with their tags and attributes) and,
     * from a quick look-up of their study ids, the studies (with their series and tags). The studies
     * read ahead are then matched to the images actually rendered; one the look-up did not see (an
     * image moved in between) is read afterwards, so the answer is exactly that of {@link #render}.
     */
    private InstancePage renderConcurrently(List<Long> ids) {
        ImagingReader reader = parallel.reader();
        Executor executor = parallel.executor();
        CompletableFuture<Map<Long, InstanceView>> views = CompletableFuture.supplyAsync(
                () -> reader.instances(ids, true, ImagingReader.Extras.NONE, executor), executor);
        CompletableFuture<List<StudyView>> studiesAhead = CompletableFuture.supplyAsync(
                () -> reader.studies(reader.studyIdsOf(ids), executor), executor);
        List<InstanceView> instances = ordered(ids, Futures.join(views));
        Map<Long, StudyView> byId = new HashMap<>();
        Futures.join(studiesAhead).forEach(study -> byId.put(study.id(), study));
        List<Long> studyIds = studiesOf(instances);
        List<Long> missed = studyIds.stream().filter(id -> !byId.containsKey(id)).toList();
        reader.studies(missed).forEach(study -> byId.put(study.id(), study));
        return new InstancePage(instances, studyIds.stream().map(byId::get).filter(Objects::nonNull).toList());
    }

    private static List<InstanceView> ordered(List<Long> ids, Map<Long, InstanceView> views) {
        return ids.stream().map(views::get).filter(Objects::nonNull).toList();
    }

    private static List<Long> studiesOf(List<InstanceView> instances) {
        return List.copyOf(instances.stream().map(i -> i.study().id())
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
    }

    @QueryHandler
    StudySearchResponse handle(SearchStudiesQuery query) {
        SearchSpec spec = query.spec();
        long start = System.nanoTime();
        SearchPager.Page page = pager.page(SearchFields.STUDIES_INDEX,
                SearchQueryTranslator.studies(spec.conditions()), spec);
        long searched = System.nanoTime();
        var studies = imaging.studies(page.ids());
        List<Long> ids = studies.stream().map(s -> s.id()).toList();
        var instances = imaging.instanceMetasOfStudies(ids);
        return new StudySearchResponse(studies, instances, spec.limit(), spec.page(), page.count(), ids,
                page.hasMore(), timing(start, searched, System.nanoTime()));
    }

    /** A {@code Server-Timing} header value: time in Elasticsearch, time rendering from PostgreSQL. */
    private static String timing(long start, long searched, long rendered) {
        return String.format(java.util.Locale.ROOT, "search;dur=%.1f, render;dur=%.1f",
                (searched - start) / 1e6, (rendered - searched) / 1e6);
    }
}
