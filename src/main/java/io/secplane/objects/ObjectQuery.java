package io.secplane.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;

import io.secplane.db.Sql;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;

/**
 * The object search's {@code q}, in Lucene's query syntax as Cisco's object service takes it, read
 * by Lucene's own parser and turned into SQL over the fields {@code name} (the default) and
 * {@code content} (a literal of the object): terms match whole values in any case, {@code *} and
 * {@code ?} are wildcards, {@code AND}, {@code OR}, {@code NOT}, {@code +}, {@code -} and
 * parentheses combine. What cannot be read is a 400 that says where. Any number of wildcards keeps
 * Lucene's meaning at a bounded cost: terms are matched by {@code LIKE_MATCH} (see {@link io.secplane.db.Like}),
 * never by H2's backtracking LIKE.
 *
 * @param sql    a condition on {@code network_objects o}
 * @param params its parameters, in order
 */
public record ObjectQuery(String sql, List<Object> params) {

    public static ObjectQuery parse(String q) {
        QueryParser parser = new QueryParser("name", new KeywordAnalyzer());
        parser.setAllowLeadingWildcard(true);
        parser.setDefaultOperator(QueryParser.Operator.OR);
        Query query;
        try {
            query = parser.parse(q);
        } catch (ParseException | RuntimeException e) {
            String why = e.getMessage() == null ? "it cannot be read" : e.getMessage().split("\n")[0]
                    .replace("Cannot parse '" + q + "': ", "");
            throw refused("cannot be read: " + why);
        }
        List<Object> params = new ArrayList<>();
        String sql = sql(query, params);
        return new ObjectQuery(sql, params);
    }

    private static String sql(Query query, List<Object> params) {
        if (query instanceof BooleanQuery b) {
            List<String> must = new ArrayList<>();
            List<String> should = new ArrayList<>();
            List<String> not = new ArrayList<>();
            for (BooleanClause c : b.clauses()) {
                String part = sql(c.getQuery(), params);
                switch (c.getOccur()) {
                    case MUST, FILTER -> must.add(part);
                    case SHOULD -> should.add(part);
                    case MUST_NOT -> not.add(part);
                }
            }
            List<String> all = new ArrayList<>(must);
            if (must.isEmpty() && !should.isEmpty()) {
                all.add("(" + String.join(" OR ", should) + ")");
            }
            for (String n : not) {
                all.add("NOT " + n);
            }
            return all.isEmpty() ? "1 = 1" : "(" + String.join(" AND ", all) + ")";
        }
        if (query instanceof MatchAllDocsQuery) {
            return "1 = 1";
        }
        if (query instanceof TermQuery t) {
            return match(t.getTerm(), Sql.likeEscaped(t.getTerm().text()), params);
        }
        if (query instanceof PrefixQuery p) {
            return match(p.getPrefix(), Sql.likeEscaped(p.getPrefix().text()) + "%", params);
        }
        if (query instanceof WildcardQuery w) {
            String text = w.getTerm().text();
            StringBuilder pattern = new StringBuilder();
            for (char ch : text.toCharArray()) {
                pattern.append(ch == '*' ? "%" : ch == '?' ? "_" : Sql.likeEscaped(String.valueOf(ch)));
            }
            return match(w.getTerm(), pattern.toString(), params);
        }
        if (query instanceof PhraseQuery p && p.getTerms().length == 1) {
            return match(p.getTerms()[0], Sql.likeEscaped(p.getTerms()[0].text()), params);
        }
        throw refused("uses " + query.getClass().getSimpleName().replace("Query", "").toLowerCase(Locale.ROOT)
                + " queries, which the object search does not answer; use terms, wildcards, AND, OR, NOT and parentheses");
    }

    private static String match(Term term, String pattern, List<Object> params) {
        String value = pattern.toLowerCase(Locale.ROOT);
        switch (term.field()) {
            case "name" -> {
                params.add(value);
                return "LIKE_MATCH(o.name_key, ?)";
            }
            case "content" -> {
                params.add(value);
                return "EXISTS (SELECT 1 FROM network_literals ql WHERE ql.object_id = o.id AND LIKE_MATCH(ql.literal, ?))";
            }
            default -> throw refused("names the field '" + term.field() + "'; the fields are name and content");
        }
    }

    private static ApiException refused(String why) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, "The query 'q' " + why + ".",
                List.of(new ApiException.FieldProblem("q", why)));
    }
}
