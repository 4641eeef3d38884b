package dev.macula.query.search;

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

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Instance and study search: Elasticsearch decides which ids match and in what order; the page is
 * then rendered from the PostgreSQL read models, so what is shown is always current and exactly
 * the shape of {@code GET /instances/{id}} (docs/api.md §4.4, docs/api.md §4.5).
 */
@Component
class SearchQueryHandler {

    private final SearchPager pager;
    private final ImagingReader imaging;

    SearchQueryHandler(SearchPager pager, ImagingReader imaging) {
        this.pager = pager;
        this.imaging = imaging;
    }

    @QueryHandler
    InstanceSearchResponse handle(SearchInstancesQuery query) {
        SearchSpec spec = query.spec();
        long start = System.nanoTime();
        SearchPager.Page page = pager.page(SearchFields.INSTANCES_INDEX,
                SearchQueryTranslator.instances(spec.conditions(), spec.attributeConditions()), spec);
        long searched = System.nanoTime();
        Map<Long, InstanceView> views = imaging.instances(page.ids(), true, ImagingReader.Extras.NONE);
        List<InstanceView> instances = page.ids().stream().map(views::get).filter(Objects::nonNull).toList();
        List<Long> studyIds = List.copyOf(instances.stream().map(i -> i.study().id())
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
        var studies = imaging.studies(studyIds);
        return new InstanceSearchResponse(instances, studies, spec.limit(), spec.page(),
                page.count(), instances.stream().map(InstanceView::id).toList(), page.hasMore(),
                timing(start, searched, System.nanoTime()));
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
